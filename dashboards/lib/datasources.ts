import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';

/**
 * Datasource uids, fixed so that the provisioning files (provisioning/datasources) and every
 * panel agree; a test resolves each panel's uid against the provisioned datasources.
 */
export const POSTGRES: DataSourceRef = { type: 'grafana-postgresql-datasource', uid: 'cheguan-postgres' };
export const PROMETHEUS: DataSourceRef = { type: 'prometheus', uid: 'cheguan-prometheus' };
export const GRAFANA_BUILTIN: DataSourceRef = { type: 'grafana', uid: '-- Grafana --' };

/** Folder the dashboards are provisioned into (provisioning/dashboards/cheguan.yaml). */
export const FOLDER_UID = 'cheguan';
export const FOLDER_TITLE = '车驾管监管中心';
