import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CertificateInput,
  certificatePageSchema,
  certificateSchema,
  CourseInput,
  coursePageSchema,
  courseSchema,
  myTrainingSchema,
  SessionInput,
  sessionPageSchema,
  sessionSchema,
} from '../../common/training';
import { apiRequest, type QueryValue } from './client';

export type Course = z.infer<typeof courseSchema>;
export type Certificate = z.infer<typeof certificateSchema>;
export type TrainingSession = z.infer<typeof sessionSchema>;
export type MyTraining = z.infer<typeof myTrainingSchema>;

const trainingKey = ['training'] as const;

export function useCourses(query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: [...trainingKey, 'courses', query],
    queryFn: ({ signal }) => apiRequest<z.infer<typeof coursePageSchema>>('/api/v1/training/courses', { query, signal }),
  });
}

export function useSessions(query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: [...trainingKey, 'sessions', query],
    queryFn: ({ signal }) => apiRequest<z.infer<typeof sessionPageSchema>>('/api/v1/training/sessions', { query, signal }),
  });
}

export function useCertificates(query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: [...trainingKey, 'certificates', query],
    queryFn: ({ signal }) => apiRequest<z.infer<typeof certificatePageSchema>>('/api/v1/training/certificates', { query, signal }),
  });
}

/** Adding courses, sessions and certificates; every list of the feature is refreshed after. */
export function useTrainingActions() {
  const client = useQueryClient();
  const onSuccess = () => void client.invalidateQueries({ queryKey: trainingKey });
  return {
    addCourse: useMutation({ mutationFn: (body: CourseInput) => apiRequest<Course>('/api/v1/training/courses', { method: 'POST', body }), onSuccess }),
    recordSession: useMutation({ mutationFn: (body: SessionInput) => apiRequest<TrainingSession>('/api/v1/training/sessions', { method: 'POST', body }), onSuccess }),
    addCertificate: useMutation({ mutationFn: (body: CertificateInput) => apiRequest<Certificate>('/api/v1/training/certificates', { method: 'POST', body }), onSuccess }),
  };
}
