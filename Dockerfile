# syntax=docker/dockerfile:1
# Berth: one server for the web chat, Slack and Teams, on the current Node.js LTS line (26). The
# first stage compiles the TypeScript once (`npm run build`) and better-sqlite3's native module;
# the runtime stage holds compiled JavaScript, production dependencies and the knowledge only: no
# TypeScript loader, no compiler, no npm in the signal path.
#
#   docker build -t berth .
#   docker run --rm -p 3978:3978 berth                      # web chat on http://localhost:3978/
#   docker run --rm -p 3978:3978 --env-file .env \
#     -v "$PWD/our-knowledge:/knowledge:ro" -e KNOWLEDGE_DIRS=/knowledge \
#     -v berth-data:/app/data berth                         # your knowledge, your settings, kept recordings

ARG NODE_IMAGE=node:26-bookworm-slim

# --- 1. build: all dependencies, compile, then drop the development ones --------------------------
FROM ${NODE_IMAGE} AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# No lifecycle scripts except the ones package.json approves under "allowScripts": better-sqlite3
# compiles its native module (python3, make, g++ above); esbuild checks its binary.
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3 esbuild
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY bin ./bin
COPY lib ./lib
COPY src ./src
COPY adapters ./adapters
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# --- 2. runtime: compiled code, production dependencies, knowledge; not root ----------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3978 \
    BERTH_CACHE_DIR=/app/data/cache
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin/berth.js ./bin/berth.js
# The web chat's static files are read from here at start-up.
COPY adapters/web/public ./adapters/web/public
# The built-in knowledge is baked in; add your own with KNOWLEDGE_DIRS (mount it, see above).
COPY knowledge ./knowledge
# The only place Berth writes: the recording database (RECORDING_DB defaults to data/berth.db)
# and the knowledge cache (BERTH_CACHE_DIR: parsed knowledge and index texts, rebuilt when stale).
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3978
# node, not curl: the slim image has no curl. Fails when /healthz is not 200 within 4 seconds.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3978}/healthz`, { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 and handles SIGTERM: `docker stop` finishes replies in flight, then exits.
CMD ["node", "bin/berth.js", "serve"]
