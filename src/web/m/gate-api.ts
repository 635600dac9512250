import type { GatePass, GoodsSlip, PublicPass } from '../../common/gate';
import { api } from './api';

export type { GatePass, GoodsSlip, PublicPass };

interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** What the owner sends to pre-register a visitor or issue a release slip (see common/gate). */
export interface PassInput {
  unitId: string;
  visitorName: string;
  visitorPhone?: string;
  plate?: string;
  validFrom: string;
  validUntil: string;
}
export interface SlipInput {
  unitId: string;
  items: { name: string; quantity: number; note?: string }[];
  carrierName: string;
  carrierPhone?: string;
  plate?: string;
  note?: string;
}

/** The owner's calls of the gate API: their household's visitor passes and goods-release slips. */
export const gateApi = {
  passes: (page: number) => api<Paged<GatePass>>(`/api/v1/gate/passes?origin=pre_registered&pageSize=20&page=${page}`),
  pass: (id: string) => api<GatePass>(`/api/v1/gate/passes/${id}`),
  createPass: (body: PassInput) => api<GatePass>('/api/v1/gate/passes', { method: 'POST', body }),
  passQr: (id: string) => `/api/v1/gate/passes/${id}/qr`,
  sharedPass: (token: string) => api<PublicPass>(`/api/v1/gate/shared-passes/${encodeURIComponent(token)}`, { quiet401: true }),
  sharedPassQr: (token: string) => `/api/v1/gate/shared-passes/${encodeURIComponent(token)}/qr`,
  slips: (page: number) => api<Paged<GoodsSlip>>(`/api/v1/gate/slips?pageSize=20&page=${page}`),
  slip: (id: string) => api<GoodsSlip>(`/api/v1/gate/slips/${id}`),
  createSlip: (body: SlipInput) => api<GoodsSlip>('/api/v1/gate/slips', { method: 'POST', body }),
  slipQr: (id: string) => `/api/v1/gate/slips/${id}/qr`,
  /** A step of the pass's or slip's standard as its `actions` describe it, sent with the version on screen. */
  step: <R>(kind: 'passes' | 'slips', id: string, action: string, body: Record<string, unknown>, version: number) =>
    api<R>(`/api/v1/gate/${kind}/${id}/actions/${encodeURIComponent(action)}`, { method: 'POST', body, headers: { 'If-Match': `"${version}"` } }),
};

/** The link a visitor opens without signing in. */
export const sharedLink = (token: string) => `${window.location.origin}/m/pass/${token}`;

/** Badge colour of a state type, as on the requests list. */
export const STATE_TONE: Record<string, string> = { open: 'blue', in_progress: 'green', closed: 'grey', cancelled: 'grey' };
