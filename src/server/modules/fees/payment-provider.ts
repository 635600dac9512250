import type { PaymentMethod } from '../../../common/fees';

/**
 * How an online payment provider (WeChat Pay, Alipay, a bank's aggregated QR code) would plug into
 * the ledger (docs/fees.md, "Online payment providers"). None is implemented or configured: the
 * owner portal shows the community's bank account and the desk, and nothing pretends to take money
 * online. A provider implements this interface and is registered for a community; its confirmed
 * notifications become ordinary desk payments through `takePayment`, so receipts, allocation and
 * gapless numbers stay the same.
 */
export interface PaymentProvider {
  /** Stable code, e.g. `wechat_pay`; the method the payment lines are recorded with. */
  readonly method: Extract<PaymentMethod, 'wechat_pay' | 'alipay' | 'transfer'>;
  /**
   * Starts a payment of `amountFen` for an account's open charges and returns what the portal
   * shows the owner (a redirect URL or a QR code payload). `orderRef` is unique and is sent back
   * by the provider; nothing is written to the ledger yet.
   */
  createOrder(input: { communityId: string; accountId: string; chargeIds: string[]; amountFen: number; orderRef: string }): Promise<{ redirectUrl?: string; qrPayload?: string; expiresAt: Date }>;
  /**
   * Verifies a notification from the provider (signature, amount, order) and returns the settled
   * order, or null when it is not authentic. The caller then records it with `takePayment`
   * (method `this.method`, reference = the provider's transaction id, `Idempotency-Key` = the
   * order ref), so a notification delivered twice pays once.
   */
  verifyNotification(headers: Record<string, string>, body: Buffer): Promise<{ orderRef: string; transactionId: string; amountFen: number; paidAt: Date } | null>;
  /** Refunds a settled transaction (the ledger records the refund as a `refund` entry). */
  refund(input: { transactionId: string; amountFen: number; reason: string }): Promise<{ refundId: string }>;
}
