-- A small Kuma setup, written as Kuma's UI stores it: notification config is the form's JSON, a monitor's
-- accepted codes and headers JSON text, booleans 0/1.
INSERT INTO user (id, username, password) VALUES (1, 'admin', '$2a$10$notarealhash');
INSERT INTO notification (id, name, active, user_id, is_default, config) VALUES
 (1, 'Ops Slack', 1, 1, 1, '{"name":"Ops Slack","type":"slack","isDefault":true,"slackwebhookURL":"https://hooks.slack.com/services/T000/B000/XXXXXXXX","slackchannel":"#ops","applyExisting":false}'),
 (2, 'Deploy hook', 1, 1, 0, '{"name":"Deploy hook","type":"webhook","webhookURL":"https://93.184.215.14/kuma-hook","webhookContentType":"json"}'),
 (3, 'On-call mail', 1, 1, 0, '{"name":"On-call mail","type":"smtp","smtpHost":"smtp.example.com","smtpPort":587,"smtpUsername":"kuma","smtpPassword":"hunter2-smtp","smtpTo":"oncall@example.com","smtpFrom":"kuma@example.com"}'),
 (4, 'Signal group', 1, 1, 0, '{"name":"Signal group","type":"signal","signalURL":"http://signal:8080","signalNumber":"+15550100","signalRecipients":"+15550101"}'),
 (5, 'Team Telegram', 1, 1, 0, '{"name":"Team Telegram","type":"telegram","telegramBotToken":"123456:ABCDEF-telegram","telegramChatID":"-100200300"}'),
 (6, 'Opsgenie EU', 1, 1, 0, '{"name":"Opsgenie EU","type":"Opsgenie","opsgenieApiKey":"0a1b2c3d-4e5f-opsgenie-key","opsgenieRegion":"eu","opsgeniePriority":2,"isDefault":false,"applyExisting":false}'),
 (7, 'Phone ntfy', 1, 1, 0, '{"name":"Phone ntfy","type":"ntfy","ntfyserverurl":"https://ntfy.sh","ntfytopic":"acme-alerts-x7q2","ntfyPriority":5,"ntfyAuthenticationMethod":"accessToken","ntfyaccesstoken":"tk_ntfysecrettoken0001","ntfyIcon":"https://example.com/icon.png"}'),
 (8, 'Ops chat', 1, 1, 0, '{"name":"Ops chat","type":"GoogleChat","googleChatWebhookURL":"https://chat.googleapis.com/v1/spaces/AAAA/messages?key=k&token=gchat-secret"}'),
 (9, 'Mattermost', 1, 1, 0, '{"name":"Mattermost","type":"mattermost","mattermostWebhookUrl":"https://mm.example.com/hooks/mm-secret-hook","mattermostusername":"kuma","mattermostchannel":"ops"}'),
 (10, 'Matrix room', 1, 1, 0, '{"name":"Matrix room","type":"matrix","homeserverUrl":"https://93.184.215.14","internalRoomId":"!abcdef:matrix.example.org","accessToken":"syt_matrix_secret_token"}'),
 (11, 'Pushover', 0, 1, 0, '{"name":"Pushover","type":"pushover","pushoveruserkey":"uQiRzpo4DXghDmr9QzzfQu27cmVRsG","pushoverapptoken":"azGDORePK8gMaC0QOYAMyEEuzJnyUi","pushoverpriority":"1","pushoversounds":"siren"}'),
 (12, 'Half-done ntfy', 1, 1, 0, '{"name":"Half-done ntfy","type":"ntfy","ntfyserverurl":"https://ntfy.sh","ntfytopic":"","ntfyAuthenticationMethod":"usernamePassword","ntfyusername":"u","ntfypassword":"ntfy-pass"}');
INSERT INTO tag (id, name, color) VALUES (1, 'env', '#059669'), (2, 'critical', '#DC2626');
INSERT INTO monitor (id, name, active, user_id, interval, type) VALUES (11, 'Company', 1, 1, 60, 'group');
INSERT INTO monitor (id, name, active, user_id, interval, type, parent) VALUES (8, 'Production', 1, 1, 60, 'group', 11);
INSERT INTO monitor (id, name, active, user_id, interval, url, type, timeout, parent, description) VALUES
 (1, 'Homepage', 1, 1, 60, 'https://example.com/', 'http', 48, 8, 'The public site');
INSERT INTO monitor (id, name, active, user_id, interval, url, type, keyword, timeout, maxretries, retry_interval) VALUES
 (2, 'Shop search', 1, 1, 30, 'https://example.com/search?q=socks', 'keyword', 'Add to cart', 10, 2, 30);
INSERT INTO monitor (id, name, active, user_id, interval, url, type, method, headers, body, json_path, json_path_operator, expected_value, timeout) VALUES
 (3, 'API status', 1, 1, 120, 'https://api.example.com/status', 'json-query', 'POST',
  '{"Accept":"application/json","X-Probe":"kuma"}', '{"deep":true}', 'status', '==', 'ok', 20);
INSERT INTO monitor (id, name, active, user_id, interval, hostname, port, type) VALUES
 (4, 'Postgres', 0, 1, 60, 'db.example.com', 5432, 'port');
INSERT INTO monitor (id, name, active, user_id, interval, hostname, port, type, dns_resolve_type, dns_resolve_server) VALUES
 (5, 'DNS example.com', 1, 1, 300, 'example.com', 53, 'dns', 'AAAA', '1.1.1.1');
INSERT INTO monitor (id, name, active, user_id, interval, type, push_token) VALUES
 (6, 'Nightly backup', 1, 1, 86400, 'push', 'Xq3pKmB7rT2vN8sL1wYz5cHdJf6gEa9u');
INSERT INTO monitor (id, name, active, user_id, interval, hostname, type, packet_size, ping_count) VALUES
 (7, 'Router', 1, 1, 60, '192.168.1.1', 'ping', 56, 4);
INSERT INTO monitor (id, name, active, user_id, interval, url, type, accepted_statuscodes_json, ignore_tls, basic_auth_user, basic_auth_pass, auth_method) VALUES
 (9, 'Admin', 1, 1, 60, 'https://admin.example.com/login', 'http', '["200-299","401"]', 1, 'probe', 'probe-password', 'basic');
INSERT INTO monitor (id, name, active, user_id, interval, url, type, accepted_statuscodes_json, maxredirects) VALUES
 (10, 'Old URL redirects', 1, 1, 600, 'https://example.com/old', 'http', '["301"]', 0);
-- The types Kuma 2.0 added or keeps beside HTTP: databases by connection string, SMTP, WebSocket upgrade, gRPC.
INSERT INTO monitor (id, name, active, user_id, interval, type, database_connection_string, database_query) VALUES
 (12, 'Orders DB', 1, 1, 60, 'postgres', 'postgres://monitor:pg-secret-pass@db.example.com:5432/orders?sslmode=require', 'SELECT count(*) FROM orders'),
 (13, 'Sessions cache', 1, 1, 60, 'redis', 'redis://:redis-secret-pass@cache.example.com:6379/2', NULL),
 (14, 'Reports MySQL', 1, 1, 120, 'mysql', 'mysql://reporter:mysql-secret-pass@mysql.example.com:3306/reports', 'SELECT 1'),
 (15, 'Legacy SQL Server', 1, 1, 60, 'sqlserver', 'Server=sql.example.com,1433;Database=legacy;User Id=sa;Password=mssql-secret-pass;', NULL),
 (16, 'Sessions Mongo', 1, 1, 60, 'mongodb', 'mongodb://app:mongo-secret-pass@mongo.example.com:27017/app', NULL);
INSERT INTO monitor (id, name, active, user_id, interval, hostname, port, type, smtp_security) VALUES
 (17, 'Mail relay', 1, 1, 300, 'mail.example.com', 587, 'smtp', 'starttls'),
 (18, 'Mail submission', 1, 1, 300, 'smtp.example.com', 465, 'smtp', 'secure');
INSERT INTO monitor (id, name, active, user_id, interval, url, type, accepted_statuscodes_json, ws_subprotocol, ws_ignore_sec_websocket_accept_header) VALUES
 (19, 'Live feed', 1, 1, 60, 'wss://ws.example.com/feed', 'websocket-upgrade', '["1000"]', 'graphql-ws', 1);
INSERT INTO monitor (id, name, active, user_id, interval, type, grpc_url, grpc_enable_tls, grpc_service_name, grpc_method, grpc_body, keyword) VALUES
 (20, 'Payments gRPC', 1, 1, 60, 'grpc-keyword', 'grpc.example.com:443', 1, 'payments.Payments', 'Status', '{}', 'SERVING');
INSERT INTO monitor (id, name, active, user_id, interval, hostname, type) VALUES
 (21, 'Office VPN', 1, 1, 60, 'office-vpn', 'tailscale-ping');
INSERT INTO monitor_notification (monitor_id, notification_id) VALUES (1, 1), (1, 4), (2, 2), (3, 1), (3, 5), (4, 3),
 (5, 6), (5, 7), (6, 8), (6, 9), (6, 10), (6, 11), (6, 12), (17, 1), (12, 1);
INSERT INTO monitor_tag (monitor_id, tag_id, value) VALUES (1, 1, 'prod'), (1, 2, ''), (4, 1, 'prod'), (2, 2, ''),
 (2, 1, 'staging');
UPDATE monitor SET parent = 11 WHERE id = 4;
