-- Issue 19: Opsgenie, ntfy, Google Chat, Mattermost, Matrix, Pushover, Zulip, templated webhooks, SMS and voice.
ALTER TABLE alert_channels DROP CONSTRAINT alert_channels_type_check;
ALTER TABLE alert_channels ADD CONSTRAINT alert_channels_type_check
    CHECK (type IN ('EMAIL', 'WEBHOOK', 'SLACK', 'DISCORD', 'TEAMS', 'PAGERDUTY', 'TELEGRAM', 'OPSGENIE', 'NTFY',
                    'GOOGLE_CHAT', 'MATTERMOST', 'MATRIX', 'PUSHOVER', 'ZULIP', 'TEMPLATE_WEBHOOK', 'SMS', 'VOICE'));
