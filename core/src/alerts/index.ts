// Alerts: what the wiring (create-core, operations, metrics) uses.
export { alertRetryDelayMs, type AlertBackoffOptions } from './backoff';
export { channelsFor } from './channels-for';
export { ALERT_MAX_AGE_MS, AlertDelivery, type AlertDeliveryOptions } from './delivery';
export { emailText, sendEmail, type EmailSendOptions } from './email';
export { ALERT_SEND_TIMEOUT_MS } from './http-post';
export { ntfyHeaders, sendNtfy } from './ntfy';
export { MemoryAlertOutbox, type AlertOutbox, type OutboxItem } from './outbox';
export { createAlertSender, type AlertSenderOptions } from './send';
export { AlertDeliveryError, type AlertChannel, type AlertSender, type SendReceipt } from './types';
export { SIGNATURE_HEADER, sendWebhook, webhookSignature } from './webhook';
