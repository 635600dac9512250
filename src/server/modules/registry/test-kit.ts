import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Role } from '../../../common/roles';
import type { buildOrganization} from '../../test/factories';
import { TEST_PASSWORD } from '../../test/factories';
import type { TestApp, TestClient } from '../../test/test-app';
import { readSheet } from '../../files/workbook';

/** Every staff role plus a resident, for per-role tests. */
export const ALL_ROLES: Role[] = [
  'company_admin',
  'project_manager',
  'service_desk',
  'dispatcher',
  'technician',
  'guard',
  'cleaner',
  'greening',
  'quality_inspector',
  'resident',
];

export type Org = Awaited<ReturnType<typeof buildOrganization>>;

/** Signs in one of an organization's role logins. */
export function loginAs(t: TestApp, org: Org, role: Role): Promise<TestClient> {
  const username = org.users[role];
  if (!username) throw new Error(`organization has no ${role} login`);
  return t.client().login(username, TEST_PASSWORD);
}

/** A multipart/form-data body with one file, for the import endpoint. */
export function fileUpload(fileName: string, data: Buffer | string): { body: Buffer; headers: Record<string, string> } {
  const boundary = `----wuye${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    body: Buffer.concat([Buffer.from(head), Buffer.isBuffer(data) ? data : Buffer.from(data), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Builds an xlsx file from a header row and data rows. */
export async function xlsxOf(headers: string[], rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('data');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The first sheet of an xlsx file as rows of cell texts (header row first). */
export async function readXlsx(data: Buffer | string): Promise<string[][]> {
  const sheet = await readSheet(Buffer.isBuffer(data) ? data : Buffer.from(data, 'binary'));
  return [sheet.headers, ...sheet.rows.map((r) => r.cells)];
}
