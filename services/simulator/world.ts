/**
 * The reference side of the simulated world: stations, handlers, organisations and lists,
 * and its export as reference.json (interchange.md section 2).
 */
import { BUSINESS_TYPES, type BusinessTypeCode } from '../domain/business-types.ts';
import type { HandlerRole } from '../domain/codes.ts';
import type { ReferenceInputDoc } from './types.ts';
import { buildCourts, buildOrganisations, type SimOrg } from './orgs.ts';
import type { Person, Population } from './population.ts';
import type { Rng } from './prng.ts';
import { buildStations, type SimStation } from './stations.ts';

export interface SimHandler {
  readonly id: string;
  readonly person: Person;
  readonly role: HandlerRole;
  readonly stations: string[];
  readonly permissions: BusinessTypeCode[];
  readonly active: boolean;
  /** The one station the handler works at day to day (keeps R04 quiet for clean business). */
  readonly home: string;
}

export interface ListEntry {
  readonly idNumber: string | null;
  readonly phone: string | null;
  readonly reason: string;
}

export interface World {
  readonly stations: SimStation[];
  readonly stationByCode: Map<string, SimStation>;
  readonly handlers: SimHandler[];
  readonly handlerById: Map<string, SimHandler>;
  /** Active handlers who take everyday business at each station. */
  readonly roster: Map<string, SimHandler[]>;
  readonly orgs: SimOrg[];
  readonly courts: SimOrg[];
  readonly blacklist: ListEntry[];
  readonly watchlist: ListEntry[];
}

const KEY_TYPES = new Set<string>(BUSINESS_TYPES.filter((t) => t.key).map((t) => t.code));
const MIN_STAFF: Record<string, number> = { DMV: 12, BRANCH: 4, ONLINE: 3 };
/** Target everyday load per handler; R07 fires at 60, so this leaves ample headroom. */
const LOAD_PER_HANDLER = 18;

function rolesFor(station: SimStation, perDay: number): HandlerRole[] {
  const count = Math.max(MIN_STAFF[station.kind] ?? 2, Math.ceil((station.share * perDay) / LOAD_PER_HANDLER));
  if (station.kind === 'DMV' || station.kind === 'BRANCH' || station.kind === 'ONLINE') {
    const officers = Math.max(3, Math.round(count * 0.5));
    return Array.from({ length: count }, (_, i) => (i < officers ? 'OFFICER' : 'AUXILIARY'));
  }
  // Partner outlets: their own clerks accept, one stationed officer supervises and approves.
  return [...Array.from({ length: count }, (): HandlerRole => 'PARTNER_CLERK'), 'OFFICER'];
}

function permissionsFor(station: SimStation, role: HandlerRole): BusinessTypeCode[] {
  const types = station.menu.map(([t]) => t);
  return role === 'AUXILIARY' ? types.filter((t) => !KEY_TYPES.has(t)) : types;
}

function buildStaff(rng: Rng, people: Population, stations: SimStation[], perDay: number, onDate: string): SimHandler[] {
  const handlers: SimHandler[] = [];
  for (const station of stations) {
    const roles = rolesFor(station, perDay);
    for (const role of roles) {
      const person = people.person({ onDate, minAge: 24, maxAge: 58, region: rng.pick(['330102', '330105', '330106']), quiet: true });
      const id = `H${10001 + handlers.length}`;
      handlers.push({ id, person, role, stations: [station.code], permissions: permissionsFor(station, role), active: true, home: station.code });
    }
    const kiosks = station.kind === 'DMV' || station.kind === 'BRANCH' ? 4 : 0;
    station.workstations = station.kind === 'ONLINE' ? []
      : Array.from({ length: roles.length + kiosks }, (_, i) => `WS-${station.code}-${String(i + 1).padStart(2, '0')}`);
  }
  return handlers;
}

export function buildWorld(rng: Rng, people: Population, perDay: number, onDate: string): World {
  const stations = buildStations();
  const handlers = buildStaff(rng, people, stations, perDay, onDate);
  const roster = new Map<string, SimHandler[]>(stations.map((s) => [s.code, []]));
  for (const h of handlers) roster.get(h.home)?.push(h);
  // A transferred-out officer still listed in the reference data; never on a roster.
  const branch = stations.find((s) => s.kind === 'BRANCH');
  if (branch) {
    const person = people.person({ onDate, minAge: 40, maxAge: 58, quiet: true });
    handlers.push({ id: `H${10001 + handlers.length}`, person, role: 'OFFICER', stations: [branch.code], permissions: permissionsFor(branch, 'OFFICER'), active: false, home: branch.code });
  }
  return {
    stations,
    stationByCode: new Map(stations.map((s) => [s.code, s])),
    handlers,
    handlerById: new Map(handlers.map((h) => [h.id, h])),
    roster,
    orgs: buildOrganisations(rng, people, onDate, perDay / 1000),
    courts: buildCourts(rng, people),
    blacklist: [],
    watchlist: [],
  };
}

/** Adds a handler that is not on any everyday roster (retired, or kept for a planted case). */
export function addHandler(world: World, h: Omit<SimHandler, 'id'>): SimHandler {
  const handler: SimHandler = { ...h, id: `H${10001 + world.handlers.length}` };
  world.handlers.push(handler);
  world.handlerById.set(handler.id, handler);
  return handler;
}

export function officersAt(world: World, stationCode: string): SimHandler[] {
  return (world.roster.get(stationCode) ?? []).filter((h) => h.role === 'OFFICER');
}

export function referenceOf(world: World): ReferenceInputDoc {
  return {
    stations: world.stations.map((s) => ({
      code: s.code, name: s.name, kind: s.kind, lat: s.lat, lon: s.lon, hours: s.hours, workstations: s.workstations,
    })),
    handlers: world.handlers.map((h) => ({
      id: h.id, name: h.person.name, idNumber: h.person.idNumber, phone: h.person.phone, role: h.role,
      stations: h.stations, permissions: h.permissions, active: h.active,
    })),
    organisations: world.orgs.filter((o) => o.registered).map((o) => ({
      orgCode: o.orgCode, name: o.name, kind: o.kind as ReferenceInputDoc['organisations'][number]['kind'],
      clerks: o.clerks.map((c) => ({ idNumber: c.idNumber, name: c.name, phone: c.phone })), phones: o.phones,
    })),
    lists: {
      intermediaryBlacklist: world.blacklist.map((e) => ({ ...e })),
      personWatchlist: world.watchlist.map((e) => ({ ...e })),
    },
  };
}
