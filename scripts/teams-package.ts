// `npm run teams:package [-- --app-id <id>] [--out <file.zip>]`: the Teams app package to upload
// (sideload) into Teams. Fills the bot's app id into adapters/teams/app-package/manifest.json
// and zips it with the two icons. The app id comes from --app-id, or from MicrosoftAppId in the
// environment or .env (this is an entry point, like bin/, so it may read them).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseDotenv } from 'dotenv';
import JSZip from 'jszip';
import { PACKAGE_ROOT } from '../lib/package-root.ts';
import { EnvReader } from '../src/config.ts';
import { APP_PACKAGE_DIR } from './teams-icons.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const DEFAULT_OUT = path.join(PACKAGE_ROOT, 'dist', 'berth-teams-app.zip');

type Json = Record<string, unknown>;

/**
 * The committed manifest with the bot's app id filled in (as the app's id, the bot's, the
 * message extension's and the Entra app's that resource-specific consent is granted to) and the
 * version set. Throws when the app id is not a GUID.
 */
export function buildManifest(template: Json, appId: string, version: string): Json {
  if (!GUID.test(appId))
    throw new Error(`the app id must be the bot's Microsoft App ID, a GUID like 6f1c...; got "${appId}"`);
  const withBot = (list: unknown) =>
    Array.isArray(list) ? list.map((item: Json) => ({ ...item, botId: appId })) : list;
  return {
    ...template,
    id: appId,
    version,
    bots: withBot(template.bots),
    composeExtensions: withBot(template.composeExtensions),
    ...(template.webApplicationInfo
      ? { webApplicationInfo: { ...(template.webApplicationInfo as Json), id: appId } }
      : {}),
  };
}

/** The zip Teams accepts: manifest.json, color.png and outline.png at its root. */
export async function buildPackage(appId: string, dir = APP_PACKAGE_DIR): Promise<Buffer> {
  const template = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Json;
  const { version } = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(buildManifest(template, appId, version), null, 2)}\n`);
  for (const icon of ['color.png', 'outline.png']) zip.file(icon, readFileSync(path.join(dir, icon)));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(args: readonly string[]): Promise<number> {
  const fromFile = existsSync('.env') ? parseDotenv(readFileSync('.env')) : {};
  const env = new EnvReader({ ...fromFile, ...process.env });
  const appId = option(args, '--app-id') ?? env.string('MicrosoftAppId');
  if (!appId) {
    process.stderr.write(
      'teams:package: no app id. Set MicrosoftAppId in .env (the Azure Bot\'s "Microsoft App ID"), ' +
        'or run: npm run teams:package -- --app-id <id>\n',
    );
    return 2;
  }
  const out = path.resolve(option(args, '--out') ?? DEFAULT_OUT);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, await buildPackage(appId));
  process.stdout.write(
    `wrote ${path.relative(process.cwd(), out)} for app ${appId}\n` +
      'Upload it in Teams: Apps > Manage your apps > Upload an app > Upload a custom app (see docs/teams.md).\n',
  );
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`teams:package: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
