import { appendFileSync } from 'node:fs';
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

/** Receives each message the development outbox records (tests hook it in-process). */
export type OutboxListener = (message: OutboundMessage & { channel: OutboundChannel['kind'] }) => void;

/**
 * Development outbox: used when no provider is configured for a channel. The message stays in
 * the outbound table (readable at GET /api/v1/outbox, with secrets such as sign-in codes masked).
 * The server log gets only the channel and subject, never the recipient or the text. Developers
 * read the full texts, sign-in codes included, from the file named by WUYE_DEV_OUTBOX_FILE (one
 * JSON line per message, created owner-only); tests subscribe with `onMessage`.
 */
export class DevOutboxChannel implements OutboundChannel {
  private readonly listeners = new Set<OutboxListener>();

  constructor(
    readonly kind: 'email' | 'sms' | 'wechat',
    private readonly log: FastifyBaseLogger | null,
    private readonly file: string | undefined = undefined,
  ) {}

  /** Calls `listener` with every message recorded from now on; returns the unsubscribe function. */
  onMessage(listener: OutboxListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async send(message: OutboundMessage): Promise<DeliveryResult> {
    this.log?.info({ channel: this.kind, subject: message.subject }, 'outbox: message recorded, not sent');
    if (this.file) {
      appendFileSync(this.file, JSON.stringify({ at: new Date().toISOString(), channel: this.kind, ...message }) + '\n', { mode: 0o600 });
    }
    for (const listener of this.listeners) listener({ ...message, channel: this.kind });
    return { status: 'recorded', provider: 'outbox' };
  }
}

/** Outbound configuration from the environment (see the README's configuration table). */
export interface OutboundConfig {
  smtpUrl?: string;
  mailFrom: string;
  /** Development only: where the outbox writes the full texts of the messages it records. */
  devOutboxFile?: string;
}

/** Reads WUYE_SMTP_URL, WUYE_MAIL_FROM and WUYE_DEV_OUTBOX_FILE. */
export function loadOutboundConfig(env: NodeJS.ProcessEnv = process.env): OutboundConfig {
  return {
    smtpUrl: env.WUYE_SMTP_URL || undefined,
    mailFrom: env.WUYE_MAIL_FROM ?? 'Wuye <no-reply@localhost>',
    devOutboxFile: env.WUYE_DEV_OUTBOX_FILE || undefined,
  };
}

export type OutboundChannels = Record<OutboundChannel['kind'], OutboundChannel>;

/** The channel of each kind: SMTP for e-mail when configured, the development outbox otherwise. */
export function buildChannels(config: OutboundConfig, log: FastifyBaseLogger | null): OutboundChannels {
  return {
    email: config.smtpUrl ? new SmtpEmailChannel(config.smtpUrl, config.mailFrom) : new DevOutboxChannel('email', log, config.devOutboxFile),
    sms: new DevOutboxChannel('sms', log, config.devOutboxFile),
    wechat: new DevOutboxChannel('wechat', log, config.devOutboxFile),
  };
}
