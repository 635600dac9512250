import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';

/** One message to a person outside the console. */
export interface OutboundMessage {
  to: string;
  subject: string;
  body: string;
}

/** Result of handing a message to a provider. */
export interface DeliveryResult {
  /** `sent`: the provider accepted it; `recorded`: only written down (development outbox). */
  status: 'sent' | 'recorded';
  provider: string;
}

/**
 * A way to reach people outside the console. E-mail has an SMTP implementation; SMS and WeChat
 * adapters implement the same interface when a provider is contracted.
 */
export interface OutboundChannel {
  readonly kind: 'email' | 'sms' | 'wechat';
  send(message: OutboundMessage): Promise<DeliveryResult>;
}

/** Sends e-mail through an SMTP server (`smtp://user:pass@host:587`). */
export class SmtpEmailChannel implements OutboundChannel {
  readonly kind = 'email' as const;
  private readonly transport: nodemailer.Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(message: OutboundMessage): Promise<DeliveryResult> {
    await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.body });
    return { status: 'sent', provider: 'smtp' };
  }
}

/**
 * Development outbox: used when no provider is configured for a channel. The message stays in
 * the outbound table (readable at GET /api/v1/outbox) and is written to the server log.
 */
export class DevOutboxChannel implements OutboundChannel {
  constructor(
    readonly kind: 'email' | 'sms' | 'wechat',
    private readonly log: FastifyBaseLogger | null,
  ) {}

  async send(message: OutboundMessage): Promise<DeliveryResult> {
    this.log?.info({ channel: this.kind, to: message.to, subject: message.subject, body: message.body }, 'outbox: message recorded, not sent');
    return { status: 'recorded', provider: 'outbox' };
  }
}

/** Outbound configuration from the environment (see the README's configuration table). */
export interface OutboundConfig {
  smtpUrl?: string;
  mailFrom: string;
}

/** Reads WUYE_SMTP_URL and WUYE_MAIL_FROM. */
export function loadOutboundConfig(env: NodeJS.ProcessEnv = process.env): OutboundConfig {
  return { smtpUrl: env.WUYE_SMTP_URL || undefined, mailFrom: env.WUYE_MAIL_FROM ?? 'Wuye <no-reply@localhost>' };
}

export type OutboundChannels = Record<OutboundChannel['kind'], OutboundChannel>;

/** The channel of each kind: SMTP for e-mail when configured, the development outbox otherwise. */
export function buildChannels(config: OutboundConfig, log: FastifyBaseLogger | null): OutboundChannels {
  return {
    email: config.smtpUrl ? new SmtpEmailChannel(config.smtpUrl, config.mailFrom) : new DevOutboxChannel('email', log),
    sms: new DevOutboxChannel('sms', log),
    wechat: new DevOutboxChannel('wechat', log),
  };
}
