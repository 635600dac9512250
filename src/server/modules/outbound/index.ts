// The outbound module's public surface: the only file other modules import (docs/notes-lint.md).
export { outboundRoutes, outboundChannels, deliverQueued, deliverSoon, queuedSoFar } from './routes';
export { queueOutbound, startOutboundDelivery, type QueuedMessage } from './deliver';
export { maskMessagesTo, messagesTo } from './mask';
