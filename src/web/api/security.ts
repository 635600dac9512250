import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CheckInInput, PatrolPlan, PatrolReport, PatrolRound, PatrolRoute, PlanInput, RouteInput } from '../../common/patrol';
import type { CreateIncidentInput, Drill, EmergencyPlan, Incident } from '../../common/incidents';
import type { DutyPost, Handover, HandOverInput, PostInput, TakeOverInput } from '../../common/shifts';
import { apiRequest } from './client';

export type { CheckInInput, PatrolPlan, Drill, DutyPost, EmergencyPlan, Handover, Incident, PatrolReport, PatrolRound, PatrolRoute };

const patrolKey = ['patrol'] as const;
const postsKey = ['duty-posts'] as const;
const incidentsKey = ['incidents'] as const;

/** The round the guard walks now (or the next one), refreshed every half minute. */
export function useMyRound(roundId: string | null) {
  return useQuery({
    queryKey: [...patrolKey, 'mine', roundId],
    queryFn: async ({ signal }) =>
      roundId
        ? apiRequest<PatrolRound>(`/api/v1/patrol/rounds/${encodeURIComponent(roundId)}`, { signal })
        : (await apiRequest<{ round: PatrolRound | null }>('/api/v1/patrol/my-round', { signal })).round,
    refetchInterval: 30_000,
  });
}

/** One round with its checkpoints and timeline (the report's expanded row). */
export function usePatrolRound(roundId: string, enabled = true) {
  return useQuery({
    queryKey: [...patrolKey, 'round', roundId],
    queryFn: ({ signal }) => apiRequest<PatrolRound>(`/api/v1/patrol/rounds/${encodeURIComponent(roundId)}`, { signal }),
    enabled,
  });
}

export function usePatrolRoutes(communityId?: string) {
  return useQuery({
    queryKey: [...patrolKey, 'routes', communityId],
    queryFn: ({ signal }) => apiRequest<{ items: PatrolRoute[] }>('/api/v1/patrol/routes', { query: { communityId }, signal }),
  });
}

export function usePatrolPlans(communityId?: string) {
  return useQuery({
    queryKey: [...patrolKey, 'plans', communityId],
    queryFn: ({ signal }) => apiRequest<{ items: PatrolPlan[] }>('/api/v1/patrol/plans', { query: { communityId }, signal }),
  });
}

/** Pauses or resumes a plan. */
export function useSetPlanActive() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) => apiRequest<PatrolPlan>(`/api/v1/patrol/plans/${encodeURIComponent(id)}`, { method: 'PATCH', body: { active } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: patrolKey }),
  });
}

/** Creates a route with its checkpoints, or a plan that makes rounds on a route. */
export function usePatrolSetup() {
  const client = useQueryClient();
  const done = () => void client.invalidateQueries({ queryKey: patrolKey });
  return {
    createRoute: useMutation({ mutationFn: (body: RouteInput) => apiRequest<PatrolRoute>('/api/v1/patrol/routes', { method: 'POST', body }), onSuccess: done }),
    createPlan: useMutation({ mutationFn: (body: PlanInput) => apiRequest<PatrolPlan>('/api/v1/patrol/plans', { method: 'POST', body }), onSuccess: done }),
  };
}

export function usePatrolReport(communityId: string | undefined, from: string, to: string) {
  return useQuery({
    queryKey: [...patrolKey, 'report', communityId, from, to],
    queryFn: ({ signal }) => apiRequest<PatrolReport>('/api/v1/patrol/report', { query: { communityId, from, to }, signal }),
    enabled: Boolean(communityId),
  });
}

/** Round changes: check in, a step of the round's standard (e.g. end early), start an extra round. */
export function usePatrolActions() {
  const client = useQueryClient();
  const done = () => void client.invalidateQueries({ queryKey: patrolKey });
  return {
    checkIn: useMutation({
      mutationFn: ({ roundId, body }: { roundId: string; body: CheckInInput }) =>
        apiRequest<PatrolRound>(`/api/v1/patrol/rounds/${encodeURIComponent(roundId)}/check-ins`, { method: 'POST', body }),
      onSuccess: done,
    }),
    /** A step of the round's standard (`actions`), sent with the version on screen as `If-Match`. */
    step: useMutation({
      mutationFn: ({ round, action, body }: { round: Pick<PatrolRound, 'id' | 'version'>; action: string; body: Record<string, unknown> }) =>
        apiRequest<PatrolRound>(`/api/v1/patrol/rounds/${encodeURIComponent(round.id)}/actions/${encodeURIComponent(action)}`, {
          method: 'POST',
          body,
          headers: { 'If-Match': `"${round.version}"` },
        }),
      onSuccess: done,
    }),
    start: useMutation({
      mutationFn: (routeId: string) => apiRequest<PatrolRound>('/api/v1/patrol/rounds', { method: 'POST', body: { routeId } }),
      onSuccess: done,
    }),
  };
}

export function useDutyPosts() {
  return useQuery({
    queryKey: [...postsKey],
    queryFn: ({ signal }) => apiRequest<{ items: DutyPost[] }>('/api/v1/duty-posts', { signal }),
    refetchInterval: 30_000,
  });
}

export function useDutyPost(id: string | undefined) {
  return useQuery({
    queryKey: [...postsKey, id],
    queryFn: ({ signal }) => apiRequest<DutyPost & { history: Handover[] }>(`/api/v1/duty-posts/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
  });
}

/** Post changes: start duty at a vacant post, hand over, take over. */
export function usePostActions() {
  const client = useQueryClient();
  const done = () => void client.invalidateQueries({ queryKey: postsKey });
  return {
    startDuty: useMutation({
      mutationFn: (postId: string) => apiRequest<DutyPost>(`/api/v1/duty-posts/${encodeURIComponent(postId)}/start-duty`, { method: 'POST' }),
      onSuccess: done,
    }),
    handOver: useMutation({
      mutationFn: ({ postId, body }: { postId: string; body: HandOverInput }) =>
        apiRequest<Handover>(`/api/v1/duty-posts/${encodeURIComponent(postId)}/handovers`, { method: 'POST', body }),
      onSuccess: done,
    }),
    takeOver: useMutation({
      mutationFn: ({ handoverId, body }: { handoverId: string; body: TakeOverInput }) =>
        apiRequest<Handover>(`/api/v1/shift-handovers/${encodeURIComponent(handoverId)}/take-over`, { method: 'POST', body }),
      onSuccess: done,
    }),
    /** Sets up a post (no id) or renames it and changes its checklist. */
    savePost: useMutation({
      mutationFn: ({ id, body }: { id?: string; body: PostInput }) =>
        id
          ? apiRequest<DutyPost>(`/api/v1/duty-posts/${encodeURIComponent(id)}`, { method: 'PUT', body: { name: body.name, checklist: body.checklist } })
          : apiRequest<DutyPost>('/api/v1/duty-posts', { method: 'POST', body }),
      onSuccess: done,
    }),
  };
}

export function useIncidents(query: { communityId?: string; status?: 'open' | 'closed'; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...incidentsKey, 'list', query],
    queryFn: ({ signal }) => apiRequest<{ items: Incident[]; total: number; page: number; pageSize: number }>('/api/v1/incidents', { query, signal }),
  });
}

export function useIncident(id: string | undefined) {
  return useQuery({
    queryKey: [...incidentsKey, 'detail', id],
    queryFn: ({ signal }) => apiRequest<Incident>(`/api/v1/incidents/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
  });
}

export function useEmergencyPlans() {
  return useQuery({
    queryKey: [...incidentsKey, 'plans'],
    queryFn: ({ signal }) => apiRequest<{ items: EmergencyPlan[] }>('/api/v1/emergency-plans', { signal }),
  });
}

export function useDrills() {
  return useQuery({
    queryKey: [...incidentsKey, 'drills'],
    queryFn: ({ signal }) => apiRequest<{ items: Drill[] }>('/api/v1/emergency-drills', { signal }),
  });
}

/** Incident changes: log, record and close, tick plan steps, record drills. */
export function useIncidentActions() {
  const client = useQueryClient();
  const done = () => void client.invalidateQueries({ queryKey: incidentsKey });
  return {
    create: useMutation({
      mutationFn: (body: CreateIncidentInput) => apiRequest<Incident>('/api/v1/incidents', { method: 'POST', body }),
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: { people?: string | null; actionsTaken?: string | null; outcome?: string | null; close?: boolean } }) =>
        apiRequest<Incident>(`/api/v1/incidents/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
      onSuccess: done,
    }),
    step: useMutation({
      mutationFn: ({ id, step, done: ticked }: { id: string; step: number; done: boolean }) =>
        apiRequest<Incident>(`/api/v1/incidents/${encodeURIComponent(id)}/steps/${step}`, { method: 'PUT', body: { done: ticked } }),
      onSuccess: done,
    }),
    drill: useMutation({
      mutationFn: (body: { planId: string; heldOn: string; participants: string; findings: string }) => apiRequest<Drill>('/api/v1/emergency-drills', { method: 'POST', body }),
      onSuccess: done,
    }),
  };
}
