import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CommunityInput,
  CommunityUpdate,
  ImportKind,
  ResidentInput,
  ResidentUpdate,
  StaffInput,
  StaffUpdate,
  UnitUpdate,
} from '../../common/registry';
import type {
  buildingGridSchema,
  buildingPageSchema,
  communityPageSchema,
  importResultSchema,
  residentPageSchema,
  staffPageSchema,
  unitDetailSchema,
  unitPageSchema,
} from '../../common/registry-api';
import { ApiError, apiRequest, type QueryValue } from './client';
import { translate } from '../i18n/messages';
import { DEFAULT_LOCALE } from '../../common/locale';

// Response shapes come straight from the shared zod contracts, so the pages cannot drift from the API.
export type CommunityPage = z.infer<typeof communityPageSchema>;
export type Community = CommunityPage['items'][number];
export type BuildingPage = z.infer<typeof buildingPageSchema>;
export type Building = BuildingPage['items'][number];
export type BuildingGrid = z.infer<typeof buildingGridSchema>;
export type GridUnit = BuildingGrid['floors'][number]['units'][number];
export type UnitPage = z.infer<typeof unitPageSchema>;
export type Unit = UnitPage['items'][number];
export type UnitDetail = z.infer<typeof unitDetailSchema>;
export type ResidentPage = z.infer<typeof residentPageSchema>;
export type Resident = ResidentPage['items'][number];
export type StaffPage = z.infer<typeof staffPageSchema>;
export type StaffMember = StaffPage['items'][number];
export type ImportResult = z.infer<typeof importResultSchema>;
export type RevealField = 'phone' | 'idNumber';

/** The registry lists that export to xlsx. */
export type ExportResource = 'communities' | 'buildings' | 'units' | 'residents' | 'staff';

/** Paging plus the filters of one list; empty values are left out of the request. */
export type ListQuery = { page: number; pageSize: number } & Record<string, QueryValue>;

const root = ['registry'] as const;
const keys = {
  communities: (q?: ListQuery) => [...root, 'communities', q ?? {}] as const,
  community: (id: string) => [...root, 'community', id] as const,
  buildings: (communityId: string | undefined) => [...root, 'buildings', communityId ?? 'all'] as const,
  grid: (buildingId: string) => [...root, 'grid', buildingId] as const,
  units: (q: ListQuery) => [...root, 'units', q] as const,
  unit: (id: string) => [...root, 'unit', id] as const,
  residents: (q: ListQuery) => [...root, 'residents', q] as const,
  resident: (id: string) => [...root, 'resident', id] as const,
  staffList: (q: ListQuery) => [...root, 'staff', q] as const,
  staff: (id: string) => [...root, 'staff-member', id] as const,
};

/** Invalidates every registry query: a write in one list can change counts shown in another. */
function useInvalidateRegistry() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: root });
}

// ---- communities ----

/** Communities visible to the caller (all of them: an organization has tens, not thousands). */
export function useCommunities(query: ListQuery = { page: 1, pageSize: 200 }) {
  return useQuery({
    queryKey: keys.communities(query),
    queryFn: ({ signal }) => apiRequest<CommunityPage>('/api/v1/communities', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCommunity(id: string | undefined) {
  return useQuery({
    queryKey: keys.community(id ?? ''),
    queryFn: ({ signal }) => apiRequest<Community>(`/api/v1/communities/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

export function useSaveCommunity() {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CommunityInput | CommunityUpdate }) =>
      id
        ? apiRequest<Community>(`/api/v1/communities/${id}`, { method: 'PATCH', body })
        : apiRequest<Community>('/api/v1/communities', { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

// ---- buildings and units ----

/** The active buildings of a community, by name. */
export function useBuildings(communityId: string | undefined) {
  return useQuery({
    queryKey: keys.buildings(communityId),
    queryFn: ({ signal }) =>
      apiRequest<BuildingPage>('/api/v1/buildings', { query: { communityId, page: 1, pageSize: 200 }, signal }),
    enabled: Boolean(communityId),
  });
}

/** The floor × unit grid of one building. */
export function useBuildingGrid(buildingId: string | undefined) {
  return useQuery({
    queryKey: keys.grid(buildingId ?? ''),
    queryFn: ({ signal }) => apiRequest<BuildingGrid>(`/api/v1/buildings/${buildingId}/grid`, { signal }),
    enabled: Boolean(buildingId),
  });
}

/** A page of units; `enabled` lets the search box wait until something was typed. */
export function useUnits(query: ListQuery, enabled = true) {
  return useQuery({
    queryKey: keys.units(query),
    queryFn: ({ signal }) => apiRequest<UnitPage>('/api/v1/units', { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUnit(id: string | undefined) {
  return useQuery({
    queryKey: keys.unit(id ?? ''),
    queryFn: ({ signal }) => apiRequest<UnitDetail>(`/api/v1/units/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

export function useUpdateUnit() {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UnitUpdate }) =>
      apiRequest<UnitDetail>(`/api/v1/units/${id}`, { method: 'PATCH', body }),
    onSuccess: invalidate,
  });
}

// ---- residents ----

export function useResidents(query: ListQuery, enabled = true) {
  return useQuery({
    queryKey: keys.residents(query),
    queryFn: ({ signal }) => apiRequest<ResidentPage>('/api/v1/residents', { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useResident(id: string | undefined) {
  return useQuery({
    queryKey: keys.resident(id ?? ''),
    queryFn: ({ signal }) => apiRequest<Resident>(`/api/v1/residents/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

export function useSaveResident() {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: ResidentInput | ResidentUpdate }) =>
      id
        ? apiRequest<Resident>(`/api/v1/residents/${id}`, { method: 'PATCH', body })
        : apiRequest<Resident>('/api/v1/residents', { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

/** Asks for the full value of a masked field; the server writes the reveal and its reason to the audit log. */
export function useRevealResidentField() {
  return useMutation({
    mutationFn: ({ id, field, reason }: { id: string; field: RevealField; reason: string }) =>
      apiRequest<{ field: RevealField; value: string | null }>(`/api/v1/residents/${id}/reveal`, {
        method: 'POST',
        body: { field, reason },
      }),
  });
}

// ---- staff ----

export function useStaffList(query: ListQuery) {
  return useQuery({
    queryKey: keys.staffList(query),
    queryFn: ({ signal }) => apiRequest<StaffPage>('/api/v1/staff', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useStaffMember(id: string | undefined) {
  return useQuery({
    queryKey: keys.staff(id ?? ''),
    queryFn: ({ signal }) => apiRequest<StaffMember>(`/api/v1/staff/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

export function useSaveStaff() {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: StaffInput | StaffUpdate }) =>
      id
        ? apiRequest<StaffMember>(`/api/v1/staff/${id}`, { method: 'PATCH', body })
        : apiRequest<StaffMember>('/api/v1/staff', { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useCompleteTraining() {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: ({ id, completedOn }: { id: string; completedOn: string }) =>
      apiRequest<StaffMember>(`/api/v1/staff/${id}/complete-training`, { method: 'POST', body: { completedOn } }),
    onSuccess: invalidate,
  });
}

// ---- archive (same shape for every resource) ----

export type ArchivableResource = 'communities' | 'buildings' | 'units' | 'residents' | 'staff';

export function useArchive() {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: ({ resource, id }: { resource: ArchivableResource; id: string }) =>
      apiRequest<unknown>(`/api/v1/${resource}/${id}/archive`, { method: 'POST' }),
    onSuccess: invalidate,
  });
}

// ---- import, export and templates ----

/** Runs an import file as a dry run or commits it (all rows or none). */
export function useImport() {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: ({ kind, communityId, mode, file }: { kind: ImportKind; communityId: string; mode: 'dry-run' | 'commit'; file: File }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return apiRequest<ImportResult>(`/api/v1/imports/${kind}`, { method: 'POST', query: { communityId, mode }, body: form });
    },
    onSuccess: (result) => {
      if (result.mode === 'commit' && result.ok) void invalidate();
    },
  });
}

/** The file name the server chose (`filename*=UTF-8''…` first), else `fallback`. */
function fileNameOf(disposition: string | null, fallback: string): string {
  const utf8 = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (utf8) return decodeURIComponent(utf8);
  return disposition?.match(/filename="([^"]+)"/i)?.[1] ?? fallback;
}

/**
 * Downloads a file the API sends as an attachment (exports, templates) and hands it to the
 * browser as a download. Failures come back as {@link ApiError} in the user's language.
 */
export async function downloadFile(path: string, query: Record<string, QueryValue>, fallbackName: string, locale = DEFAULT_LOCALE): Promise<string> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  let response: Response;
  try {
    response = await fetch(qs ? `${path}?${qs}` : path, { credentials: 'same-origin', headers: { 'Accept-Language': locale } });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', translate(locale, 'error.network'));
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    if (body?.error) throw new ApiError(response.status, body.error.code, body.error.message);
    throw new ApiError(response.status, 'HTTP_ERROR', translate(locale, 'error.server', { status: response.status }));
  }
  const name = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the blob goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
