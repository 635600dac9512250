import { sql, type SQL } from 'drizzle-orm';

/**
 * A column written with its table name. Drizzle leaves columns unqualified in a select list, so a
 * correlated subquery there (`… where t.subject_id = id`) would bind `id` to the inner table.
 */
export function qualified(table: string, column: string): SQL {
  return sql`${sql.identifier(table)}.${sql.identifier(column)}`;
}
