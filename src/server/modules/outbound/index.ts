// The outbound module's public surface: the only file other modules import (docs/notes-lint.md).
export { outboundRoutes, outboundChannels, deliverQueued, deliverSoon } from './routes';
export { queueOutbound, queuedSoFar, startOutboundDelivery, type QueuedMessage } from './deliver';
export { maskMessagesTo, messagesTo } from './mask';
