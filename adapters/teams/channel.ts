import { type Activity, CloudAdapter, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import express, { type Express, type Request, type Response } from 'express';
import type { Channel, ChannelContext, ChannelStatus } from '../channel/contract.ts';
import type { SeenScope } from '../channel/seen-keys.ts';
import { authenticate, botFrameworkAuthentication } from './auth.ts';
import type { TeamsConfig } from './config.ts';
import { ConnectorThrottled, ConnectorUnreachable, connectorTransport } from './connector-transport.ts';
import { localModeRefusal } from './local-mode.ts';
import { IncomingActivity, parseTeamsActivity, type TeamsInput } from './parse.ts';
import { parseChannelPost, type TeamsChannelMessage } from './parse-posts.ts';
import { renderText } from './render.ts';
import { renderAutoAnswer } from './render-auto.ts';
import { respondTo, type TeamsResponse } from './respond.ts';

export const TEAMS_ROUTE = '/api/messages';
/** Deliveries remembered for de-duplication (a couple of MB at most in memory). */
const REMEMBERED = 10_000;
const DELIVERIES: SeenScope = { name: 'teams-delivery', capacity: REMEMBERED, ttlMs: 60 * 60_000 };
const WELCOMES: SeenScope = { name: 'teams-welcome', capacity: REMEMBERED, ttlMs: 7 * 24 * 60 * 60_000 };

/** Whether Teams is on, and why (shown at start-up). */
export function teamsChannelStatus(teams: TeamsConfig): ChannelStatus {
  const { enabled, appId } = teams;
  if (!enabled) return { name: 'teams', on: false, reason: 'TEAMS_ENABLED=false' };
  const reason = appId
    ? `POST ${TEAMS_ROUTE} for app ${appId}; every request needs a Bot Framework token`
    : `local trial mode: no MicrosoftAppId, so POST ${TEAMS_ROUTE} takes unauthenticated requests from this machine only`;
  return { name: 'teams', on: true, reason, create: (context) => createTeamsChannel(context, teams) };
}

/** botbuilder's CloudAdapter, running a turn for a request Berth has already authenticated. */
class BerthCloudAdapter extends CloudAdapter {
  run(auth: AuthenticateRequestResult, activity: Activity, logic: (turn: TurnContext) => Promise<void>) {
    return this.processActivity(auth, activity, logic);
  }
}

/**
 * Microsoft Teams over the Bot Framework: `POST /api/messages`. Each request is authenticated
 * (or, without an app id, confined to this machine), de-duplicated, parsed, answered by the core
 * and the replies posted back through the connector before the request is answered.
 */
export function createTeamsChannel(context: ChannelContext, teams: TeamsConfig): Channel {
  const { log } = context;
  const localMode = !teams.appId;
  const transport = connectorTransport({
    closing: context.shutdown,
    onRetry: ({ attempt, waitMs }) =>
      log.warn({ channel: 'teams', attempt, waitMs }, 'teams: the connector throttled a reply; retrying'),
  });
  const auth = botFrameworkAuthentication(teams, { httpClient: transport });
  const adapter = new BerthCloudAdapter(auth);
  const delivered = context.seen(DELIVERIES);
  const welcomed = context.seen(WELCOMES);
  if (localMode) warnLocalMode(context);

  /** The local-mode check, then the Bot Framework token; answers the request itself when refused. */
  const admit = async (req: Request, res: Response): Promise<AuthenticateRequestResult | undefined> => {
    if (localMode) {
      const { remoteAddress } = req.socket;
      const refusal = localModeRefusal({
        remoteAddress,
        headers: req.headers,
        serviceUrl: serviceUrlOf(req.body),
      });
      if (refusal) {
        log.warn({ channel: 'teams', refusal }, 'teams: refused an unauthenticated request');
        res.status(403).json({ error: 'local trial mode accepts requests from this machine only' });
        return undefined;
      }
    }
    const identity = await authenticate(auth, asBotActivity(req.body), req.headers.authorization ?? '');
    if (identity.ok) return identity.result;
    const { status, reason } = identity;
    log.warn({ channel: 'teams', status, reason }, 'teams: request not authenticated');
    res.status(status).json({ error: status === 401 ? 'unauthorized' : 'cannot verify tokens now' });
    return undefined;
  };

  /**
   * What to answer, or why not: repeats of a delivery or of a welcome, and ignored activities. A
   * channel message not addressed to Berth is a post (or a thread reply) for automatic answers.
   */
  const triage = async (
    activity: IncomingActivity,
    deliveryKey: string | undefined,
  ): Promise<TeamsInput | ChannelPost> => {
    if (deliveryKey && !(await delivered.firstTime(deliveryKey)))
      return { kind: 'ignored', reason: 'duplicate delivery' };
    const post = parseChannelPost(activity);
    if (post.kind !== 'not-a-post') return post;
    const input = parseTeamsActivity(activity);
    if (input.kind === 'welcome' && !(await welcomed.firstTime(activity.conversation.id)))
      return { kind: 'ignored', reason: 'welcomed already' };
    return input;
  };

  const handle = async (req: Request, res: Response): Promise<void> => {
    const identity = await admit(req, res);
    if (!identity) return;
    const parsed = IncomingActivity.safeParse(req.body);
    if (!parsed.success) return void res.status(400).json({ error: 'not a Bot Framework activity' });
    const activity = parsed.data;
    // Invokes (message-extension searches) are answered in their HTTP response and change nothing.
    const deliveryKey =
      activity.id && activity.type !== 'invoke' ? `${activity.conversation.id}|${activity.id}` : undefined;
    const input = await triage(activity, deliveryKey);
    if (input.kind === 'ignored') {
      const level = input.reason === 'duplicate delivery' ? 'info' : 'debug';
      log[level]({ channel: 'teams', type: activity.type, reason: input.reason }, 'teams: nothing to answer');
      return void res.status(activity.type === 'invoke' ? 501 : 200).end();
    }
    if (input.kind === 'thread_reply') {
      await context.service.threadReply({ channel: 'teams', place: input.place, thread: input.thread });
      return void res.status(200).end();
    }
    // A post is answered (or not) inside the turn; anything else is decided first, then sent.
    const response = input.kind === 'post' ? undefined : await respondSafely(input, context);
    const logic = (turn: TurnContext) =>
      input.kind === 'post' ? answerPost(turn, input, context) : send(turn, response ?? { messages: [] });
    try {
      reply(res, await adapter.run(identity, asBotActivity(req.body), logic));
    } catch (err) {
      // Throttled to the end or unreachable: nothing was posted, so a redelivery may try again.
      // Anything else may have been posted: the key stays, and a redelivery is not answered twice.
      const notPosted = err instanceof ConnectorThrottled || err instanceof ConnectorUnreachable;
      if (deliveryKey && notPosted) await delivered.forget(deliveryKey);
      log.error({ channel: 'teams', err, type: activity.type }, 'teams: could not send the reply');
      res.status(502).json({ error: 'could not deliver the reply' });
    }
  };

  return {
    name: 'teams',
    mount(app: Express) {
      app.post(TEAMS_ROUTE, express.json({ limit: context.bodyLimitBytes }), handle);
    },
  };
}

/** A post or thread reply in a team channel, not addressed to Berth. */
type ChannelPost = Exclude<TeamsChannelMessage, { kind: 'not-a-post' }>;

/** A channel post, handed to the service with the turn to answer it in; the service decides whether to. */
async function answerPost(
  turn: TurnContext,
  post: Extract<ChannelPost, { kind: 'post' }>,
  { service, log }: ChannelContext,
): Promise<void> {
  const outcome = await service.autoAnswer(
    { channel: 'teams', place: post.place, thread: post.thread, user: post.user, text: post.text },
    {
      // No call of the Bot Framework reads a thread: the replies Teams sends Berth tell it instead.
      post: async (reply) => {
        await turn.sendActivity(renderAutoAnswer(reply, service.wording()));
        return true;
      },
    },
  );
  if (outcome.kind === 'silent')
    log.debug({ channel: 'teams', reason: outcome.reason }, 'teams: post not answered');
}

async function send(turn: TurnContext, response: TeamsResponse): Promise<void> {
  for (const message of response.messages) await turn.sendActivity(message);
  if (response.invoke) await turn.sendActivity({ type: 'invokeResponse', value: response.invoke });
}

function reply(res: Response, result: InvokeResponse | undefined): void {
  res.status(result?.status ?? 200);
  if (result?.body === undefined) res.end();
  else res.json(result.body);
}

/** A bug in answering becomes a polite apology (or a 500 to a search) and an error log, never silence. */
async function respondSafely(input: TeamsInput, { service, log }: ChannelContext): Promise<TeamsResponse> {
  try {
    return await respondTo(input, service);
  } catch (err) {
    log.error({ channel: 'teams', err, input: input.kind }, 'teams: answering failed');
    if (input.kind === 'search' || input.kind === 'select') return { messages: [], invoke: { status: 500 } };
    return { messages: [renderText(service.apology())] };
  }
}

function warnLocalMode({ log }: ChannelContext): void {
  log.warn(
    { channel: 'teams' },
    `Teams is in LOCAL TRIAL MODE: MicrosoftAppId is not set, so POST ${TEAMS_ROUTE} does not check ` +
      'who is calling. Only requests from this machine (no proxies or tunnels) are accepted, for trying ' +
      'Berth with the Microsoft 365 Agents Playground. Set MicrosoftAppId and MicrosoftAppPassword ' +
      'before connecting Berth to Microsoft Teams.',
  );
}

function serviceUrlOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('serviceUrl' in body)) return undefined;
  return typeof body.serviceUrl === 'string' ? body.serviceUrl : undefined;
}

/**
 * The request body as botbuilder's Activity type. It is the activity Teams sent, passed on as is
 * (botbuilder validates it while authenticating); Berth's own reading goes through IncomingActivity.
 */
function asBotActivity(body: unknown): Activity {
  return (typeof body === 'object' && body !== null ? body : {}) as Activity;
}
