import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, gateFactMessage } from './slack.ts';
import { WebhookSettingSchema } from './vocab.ts';

const base = { workflowName: 'Price <review> & co', stepName: 'Check', levelName: 'Finance', level: 1, levels: 3, waitingOn: ['Dana Okafor', 'Sam Reyes'], link: 'https://ember.example.com/supplier/x/workflows/w/runs/r' };

describe('the Slack-compatible message', () => {
  it('names the workflow, step, level and people, and links to the run; mrkdwn control characters are escaped in blocks only', () => {
    const m = gateFactMessage({ ...base, kind: 'decision_waiting' });
    expect(m.text).toBe('Decision waiting: "Check" in Price <review> & co, Finance (level 2 of 3). Waiting on Dana Okafor, Sam Reyes. https://ember.example.com/supplier/x/workflows/w/runs/r');
    expect(m.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: `*Decision waiting*\n<${base.link}|Price &lt;review&gt; &amp; co › Check>` } });
    expect(m.blocks[2]).toEqual({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open the approval' }, url: base.link }] });
  });

  it('says how far a reminder is, and whom a level naming nobody waits on', () => {
    expect(gateFactMessage({ ...base, kind: 'reminder', percent: 75 }).text).toMatch(/^Reminder: decision still waiting \(75% of its time used\): /);
    expect(gateFactMessage({ ...base, kind: 'escalated', waitingOn: [] }).text).toMatch(/^Approval escalated: .* Waiting on anyone who may decide approvals\./);
    expect(escapeMrkdwn('<a&b>')).toBe('&lt;a&amp;b&gt;');
  });
});

describe('the webhook setting', () => {
  it('takes a public https URL and refuses what the SSRF rules refuse, naming why', () => {
    expect(WebhookSettingSchema.safeParse({ url: 'https://hooks.slack.com/services/T0/B0/x', linkBase: 'https://ember.example.com' }).success).toBe(true);
    const issues = (url: string, linkBase = 'https://ember.example.com') => WebhookSettingSchema.safeParse({ url, linkBase }).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues('http://10.0.0.7/hook')).toEqual([['url', '10.0.0.7 is a private address']]);
    expect(issues('http://localhost:3000/hook')).toEqual([['url', 'localhost is a local name (.localhost), not a public one']]);
    expect(issues('ftp://hooks.example.com/x')).toEqual([['url', 'only http:// and https:// URLs are allowed, not ftp:']]);
    expect(issues('https://hooks.example.com/x', 'javascript:alert(1)')).toEqual([['linkBase', 'enter the address people open Ember at, like https://ember.example.com']]);
  });
});
