import type { z } from 'zod';
import { recordValueSchema, type RecordDescription } from '../../../common/work/records';
import { boundsProblem, checkedValue, presenceProblem, type RecordProblem } from './step-values';

/**
 * Checks one record's form value: presence (`required`; a required checklist needs every item
 * answered) and then the record's schema from the shared contract. Null when it is fine.
 */
export function checkRecord(record: RecordDescription, formValue: unknown): RecordProblem | null {
  const missing = presenceProblem(record, formValue);
  if (missing) return missing;
  const value = checkedValue(record, formValue);
  if (value === undefined) return null;
  return (recordValueSchema(record) as z.ZodType).safeParse(value).success ? null : boundsProblem(record);
}
