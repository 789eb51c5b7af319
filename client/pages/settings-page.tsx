/** `/supplier/:slug/settings`: the company's settings for admins — approval defaults and policies, the notification webhook, its event keys and how to send events. */
import { can } from '../../shared/roles.ts';
import { CompanyGate, type MyCompany } from '../layout/company-gate.tsx';
import { ROLE_LABELS } from '../layout/role-badge.tsx';
import { ApprovalDefaultsSection } from '../settings/approval-defaults-section.tsx';
import { ApprovalPoliciesSection } from '../settings/approval-policies-section.tsx';
import { EventKeysSection } from '../settings/event-keys-section.tsx';
import { NotificationWebhookSection } from '../settings/notification-webhook-section.tsx';
import { SendEventsHelp } from '../settings/send-events-help.tsx';
import { EmptyState } from '../ui/states.tsx';

export function SettingsPage({ slug }: { slug: string }) {
  return <CompanyGate slug={slug}>{(company) => <CompanySettings key={company.slug} company={company} />}</CompanyGate>;
}

function CompanySettings({ company }: { company: MyCompany }) {
  if (!can(company.role, 'manage_event_keys')) {
    return (
      <EmptyState title="Settings are for admins">
        Your role in {company.name} ({ROLE_LABELS[company.role]}) does not manage its settings. Ask one of its admins.
      </EmptyState>
    );
  }
  return (
    <section aria-labelledby="settings-heading" data-testid="settings-page">
      <div className="mb-6">
        <h1 id="settings-heading" className="text-2xl font-semibold tracking-tight text-zinc-900">
          Settings
        </h1>
        <p className="mt-1 text-zinc-500">
          Approvals and integrations for <span className="font-medium text-zinc-700">{company.name}</span>
        </p>
      </div>
      <ApprovalDefaultsSection companySlug={company.slug} />
      <ApprovalPoliciesSection companySlug={company.slug} />
      <NotificationWebhookSection companySlug={company.slug} />
      <EventKeysSection companySlug={company.slug} />
      <SendEventsHelp />
    </section>
  );
}
