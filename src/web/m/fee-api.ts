import type { Disclosure, OwnerBill } from '../../common/fee-owner';
import type { FeeAccount, FeePayment } from '../../common/fees';
import { api } from './api';

export type { Disclosure, FeeAccount, FeePayment, OwnerBill };

/** The owner's calls of the fees API: their household's bills, ledger, receipts, and the community's disclosures. */
export const feeApi = {
  bills: () => api<{ items: OwnerBill[] }>('/api/v1/portal/fee-bills'),
  account: (id: string) => api<FeeAccount>(`/api/v1/fee-accounts/${id}`),
  receipt: (id: string) => api<FeePayment>(`/api/v1/fee-payments/${id}`),
  receipts: (accountId: string) => api<{ items: FeePayment[]; total: number }>(`/api/v1/fee-payments?accountId=${accountId}&pageSize=50`),
  disclosures: (communityId: string) => api<{ items: Disclosure[] }>(`/api/v1/fee-disclosures?communityId=${communityId}`),
  disclosure: (id: string) => api<Disclosure>(`/api/v1/fee-disclosures/${id}`),
};

/** `¥1,234.50` from fen. */
export const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
