import type { BulkColumn } from '../platform/bulk.ts';
import type { Prisma } from '../platform/db.ts';

type TransactionRow = Prisma.TransactionCreateManyInput;

const col = <R>(name: string, type: BulkColumn<R>['type'], value: (row: R) => unknown): BulkColumn<R> => ({ name, type, value });

/** The transaction table's columns, in one place for the bulk insert. */
export const TRANSACTION_COLUMNS: readonly BulkColumn<TransactionRow>[] = [
  col('id', 'text', (r) => r.id), col('version', 'int', (r) => r.version), col('seq', 'bigint', (r) => r.seq),
  col('type', 'text', (r) => r.type), col('status', 'text', (r) => r.status),
  col('accepted_at', 'timestamptz', (r) => r.acceptedAt), col('completed_at', 'timestamptz', (r) => r.completedAt),
  col('station_code', 'text', (r) => r.stationCode), col('handler_id', 'text', (r) => r.handlerId),
  col('approver_id', 'text', (r) => r.approverId), col('workstation_id', 'text', (r) => r.workstationId),
  col('channel', 'text', (r) => r.channel), col('applicant_key', 'text', (r) => r.applicantKey),
  col('applicant_kind', 'text', (r) => r.applicantKind), col('applicant_name', 'text', (r) => r.applicantName),
  col('applicant_phone', 'text', (r) => r.applicantPhone), col('applicant_address_norm', 'text', (r) => r.applicantAddressNorm),
  col('applicant_address_canonical', 'text', (r) => r.applicantAddressCanonical),
  col('agent_id_number', 'text', (r) => r.agentIdNumber), col('agent_phone', 'text', (r) => r.agentPhone),
  col('agent_org_code', 'text', (r) => r.agentOrgCode), col('booker_phone', 'text', (r) => r.bookerPhone),
  col('booker_account', 'text', (r) => r.bookerAccount), col('vin', 'text', (r) => r.vin), col('plate', 'text', (r) => r.plate),
  col('override', 'boolean', (r) => r.override), col('tolerance', 'boolean', (r) => r.tolerance),
  col('tolerance_due_at', 'timestamptz', (r) => r.toleranceDueAt), col('ever_completed', 'boolean', (r) => r.everCompleted),
  col('photo_count', 'int', (r) => r.photoCount),
  col('received_at', 'timestamptz', (r) => r.receivedAt), col('updated_at', 'timestamptz', (r) => r.updatedAt),
];

/** A revision row; its payload is the stored document's JSON text, serialised once. */
export interface RevisionRow extends Omit<Prisma.TransactionRevisionCreateManyInput, 'payload'> {
  readonly payload: string;
}

export const REVISION_COLUMNS: readonly BulkColumn<RevisionRow>[] = [
  col('transaction_id', 'text', (r) => r.transactionId), col('version', 'int', (r) => r.version),
  col('payload', 'json_text', (r) => r.payload), col('payload_sha256', 'text', (r) => r.payloadSha256),
  col('status', 'text', (r) => r.status), col('received_at', 'timestamptz', (r) => r.receivedAt),
];

export const MATERIAL_COLUMNS: readonly BulkColumn<Prisma.MaterialCreateManyInput>[] = [
  col('transaction_id', 'text', (r) => r.transactionId), col('position', 'int', (r) => r.position), col('kind', 'text', (r) => r.kind),
  col('sha256', 'text', (r) => r.sha256), col('valid_until', 'date', (r) => (r.validUntil instanceof Date ? r.validUntil.toISOString().slice(0, 10) : r.validUntil)),
  col('subject_vin', 'text', (r) => r.subjectVin), col('subject_id_number', 'text', (r) => r.subjectIdNumber),
];

export const PHOTO_COLUMNS: readonly BulkColumn<Prisma.PhotoCreateManyInput>[] = [
  col('transaction_id', 'text', (r) => r.transactionId), col('position', 'int', (r) => r.position), col('kind', 'text', (r) => r.kind),
  col('sha256', 'text', (r) => r.sha256), col('state', 'text', (r) => r.state), col('problem', 'text', (r) => r.problem),
  col('taken_at', 'timestamptz', (r) => r.takenAt), col('lat', 'float8', (r) => r.lat), col('lon', 'float8', (r) => r.lon),
];
