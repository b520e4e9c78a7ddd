# syntax=docker/dockerfile:1
# Berth: one server for the web chat, Slack and Teams. Runs from its TypeScript source (tsx), so
# the image needs no build step of its own; only better-sqlite3 is compiled, in the first stage.
#
#   docker build -t berth .
#   docker run --rm -p 3978:3978 berth                      # web chat on http://localhost:3978/
#   docker run --rm -p 3978:3978 --env-file .env \
#     -v "$PWD/our-knowledge:/knowledge:ro" -e KNOWLEDGE_DIRS=/knowledge \
#     -v berth-data:/app/data berth                         # your knowledge, your settings, kept recordings

ARG NODE_IMAGE=node:20-bookworm-slim

# --- 1. production dependencies, native modules compiled -----------------------------------------
FROM ${NODE_IMAGE} AS deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# No lifecycle scripts except the two package.json approves under "allowScripts": better-sqlite3
# compiles its native module (python3, make, g++ above); esbuild (used by tsx) checks its binary.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3 esbuild \
 && npm cache clean --force

# --- 2. runtime: no compilers, no npm in the signal path, not root --------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3978
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY adapters ./adapters
# The built-in knowledge is baked in; add your own with KNOWLEDGE_DIRS (mount it, see above).
COPY knowledge ./knowledge
# The only place Berth writes: the recording database (RECORDING_DB defaults to data/berth.db).
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3978
# node, not curl: the slim image has no curl. Fails when /healthz is not 200 within 4 seconds.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3978}/healthz`, { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 and handles SIGTERM: `docker stop` finishes replies in flight, then exits.
CMD ["node", "bin/berth.js", "serve"]
