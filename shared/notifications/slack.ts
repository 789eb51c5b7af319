/**
 * The company webhook's message, in Slack's incoming-webhook JSON (`text` for notifications and clients without
 * blocks, `blocks` for the layout): what happened, the workflow, the step, the level and a link to the run. Other
 * chat tools that accept Slack-compatible webhooks (Mattermost, Rocket.Chat, Discord's /slack endpoint) read the same.
 */
import type { GateNotificationKind } from './vocab.ts';

export interface GateFactMessage {
  kind: GateNotificationKind;
  workflowName: string;
  stepName: string;
  levelName: string;
  /** 0-based. */
  level: number;
  levels: number;
  /** Who the decision waits on now (names), for the message. */
  waitingOn: string[];
  /** For a reminder: how much of the level's time has passed. */
  percent?: number;
  link: string;
}

export interface SlackMessage {
  text: string;
  blocks: unknown[];
}

/** Slack's mrkdwn control characters (https://api.slack.com/reference/surfaces/formatting#escaping). */
export const escapeMrkdwn = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const HEADLINES: Record<GateNotificationKind, string> = {
  decision_waiting: 'Decision waiting',
  reminder: 'Reminder: decision still waiting',
  escalated: 'Approval escalated',
};

export function gateFactMessage(m: GateFactMessage): SlackMessage {
  const headline = HEADLINES[m.kind] + (m.kind === 'reminder' && m.percent !== undefined ? ` (${m.percent}% of its time used)` : '');
  const where = `"${m.stepName}" in ${m.workflowName}`;
  const level = `${m.levelName} (level ${m.level + 1} of ${m.levels})`;
  const waiting = m.waitingOn.length ? m.waitingOn.join(', ') : 'anyone who may decide approvals';
  const text = `${headline}: ${where}, ${level}. Waiting on ${waiting}. ${m.link}`;
  const e = escapeMrkdwn;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${e(headline)}*\n<${m.link}|${e(m.workflowName)} › ${e(m.stepName)}>` } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: `*Level*\n${e(level)}` },
          { type: 'mrkdwn', text: `*Waiting on*\n${e(waiting)}` },
        ],
      },
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open the approval' }, url: m.link }] },
    ],
  };
}
