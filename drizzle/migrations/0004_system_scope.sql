-- System jobs (schedules, escalation, gate re-delivery) must find every company before they can work inside each
-- one with its own context. They set app.system = 'on' in their own transaction to list companies; tenant rows stay
-- behind app.company_id as before. User requests never set it: it is not reachable from any input.
CREATE POLICY companies_system_read ON companies FOR SELECT TO ember_app
  USING (current_setting('app.system', true) = 'on');
