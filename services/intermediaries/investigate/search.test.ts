import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, signIn } from '../../../test/support/api.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../../test/support/databases.ts';
import { sampleTransaction } from '../../../test/support/fixtures.ts';
import { idNumberCheckChar } from '../../domain/check-digits.ts';
import { ensureSearchKeys, keySearchTerms, refreshSearchKeys, searchKeysSettled } from '../identity/search-keys.ts';
import { ingestSimulated } from '../simulated-world.ts';
import type { SimTransaction } from '../../simulator/index.ts';
import { searchPeople, type SearchResult } from './search-people.ts';

const id = (n: number): string => {
  const first17 = `3301021990010${String(100 + n).padStart(4, '0')}`;
  return `${first17}${idNumberCheckChar(first17)}`;
};

/** Who lives where: the names and addresses the searches below must tell apart. */
const PEOPLE: Record<string, { name: string; address: string }> = {
  zhangWei: { name: '张伟', address: '杭州市上城区幸福路12号3栋501室' },
  zhangWeiJade: { name: '张玮', address: '杭州市上城区幸福路12号4栋101' },
  zhangWeiOther: { name: '章维', address: '杭州市西湖区文三路8号' },
  zhangWeiHua: { name: '张伟华', address: '杭州市滨江区幸福小区3栋201' },
  liWei: { name: '李伟', address: '杭州市西湖区幸福南路1号' },
  zengXiaoXian: { name: '曾小贤', address: '杭州市拱墅区莫干山路100号' },
  zhouWen: { name: '周文', address: '杭州市拱墅区莫干山路102号' },
  wangFang: { name: '王芳', address: '杭州市上城区解放路12号' },
  shortAddress: { name: '赵敏', address: '杭州市上城区幸福路12号' },
};
const KEYS = Object.keys(PEOPLE);
const idOf = (who: string): string => id(KEYS.indexOf(who));
/** The agent: a polyphonic surname (单 read shan as a surname), known only as an agent. */
const AGENT = { idNumber: id(90), name: '单田芳', phone: '13911112222', address: null, identityCheck: 'PASSED', orgCode: null };

function transactions(): SimTransaction[] {
  return KEYS.map((who, i) => sampleTransaction({
    id: `SR-${i}`, acceptedAt: `2026-03-0${1 + (i % 9)}T09:00:00+08:00`, completedAt: null, status: 'ACCEPTED', vehicle: null, appointment: null, materials: [], type: 'DL_RENEW',
    applicant: { kind: 'PERSON', idNumber: idOf(who), name: PEOPLE[who]!.name, phone: `1380000${String(1000 + i)}`, address: PEOPLE[who]!.address, identityCheck: 'PASSED' },
    agent: who === 'wangFang' ? AGENT : null,
  }) as unknown as SimTransaction);
}

const viewer = { actor: 'investigator-1', roles: ['INVESTIGATOR' as const], unmask: true };

describe.each(BACKENDS)('name and address search on %s', (kind) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    await ingestSimulated(test.db, transactions());
  }, 120_000);
  afterAll(async () => { await test.dispose(); });

  const search = async (q: string, extra: Record<string, unknown> = {}): Promise<SearchResult> => {
    const result = await searchPeople(test.db, viewer, { q, ...extra });
    if (!result.ok) throw new Error(result.error.detail);
    return result.value;
  };
  /** Who was found, in order, as the keys of PEOPLE (the agent as 'agent'), with how they matched. */
  const found = (r: SearchResult) => r.persons.map((p) => `${p.idNumber === AGENT.idNumber ? 'agent' : KEYS[KEYS.findIndex((k) => idOf(k) === p.idNumber)]}:${p.match?.match}`);

  it('ranks the exact name first, then homophones, then names one character off, and nobody else', async () => {
    const r = await search('张伟');
    expect(r.kind).toBe('name');
    expect(r.keysPending).toBe(false);
    expect(found(r)[0]).toBe('zhangWei:exact');
    expect(found(r).slice(1, 3).sort()).toEqual(['zhangWeiJade:pinyin', 'zhangWeiOther:pinyin']);
    expect(found(r).slice(3).sort()).toEqual(['liWei:similar-name', 'zhangWeiHua:similar-name']);
    const typo = await search('张玮');
    expect(found(typo)[0]).toBe('zhangWeiJade:exact');
    expect(found(typo).slice(1).sort()).toEqual(['zhangWei:pinyin', 'zhangWeiOther:pinyin']);
    expect(typo.persons.find((p) => p.idNumber === idOf('zhangWei'))?.match).toMatchObject({ rank: 1, nameDistance: 1 });
  });

  it('finds names typed in pinyin, with or without spaces, and by initials', async () => {
    for (const q of ['zhangwei', 'Zhang Wei', 'ZHANGWEI']) {
      const r = await search(q);
      expect([r.kind, found(r).slice(0, 3).sort()], q).toEqual(['name', ['zhangWei:pinyin', 'zhangWeiJade:pinyin', 'zhangWeiOther:pinyin']]);
      // Then the names that go on from there, as one types.
      expect(found(r).slice(3), q).toEqual(['zhangWeiHua:pinyin-prefix']);
    }
    expect(found(await search('zw')).sort()).toEqual(['zhangWei:initials', 'zhangWeiJade:initials', 'zhangWeiOther:initials', 'zhouWen:initials']);
    expect(found(await search('zhangweihua'))).toEqual(['zhangWeiHua:pinyin']);
  });

  it('finds names by the beginning of their pinyin, three letters or more, after whole readings and initials', async () => {
    expect(found(await search('zhangw')).sort()).toEqual(['zhangWei:pinyin-prefix', 'zhangWeiHua:pinyin-prefix', 'zhangWeiJade:pinyin-prefix', 'zhangWeiOther:pinyin-prefix']);
    expect(found(await search('Zhou W'))).toEqual(['zhouWen:pinyin-prefix']);
    expect(found(await search('cengx'))).toEqual(['zengXiaoXian:pinyin-prefix']);
    // Letters inside a reading are not its beginning (wei is in zhangwei); two letters are initials only.
    expect(found(await search('weih'))).toEqual([]);
    expect(found(await search('zh'))).toEqual([]);
    const page = await search('zhangw', { limit: 2 });
    expect([page.persons.length, page.truncated]).toEqual([2, true]);
  });

  it('finds names spelt as a southern ear hears them (z/zh, an/ang) after the exact readings', async () => {
    for (const q of ['zangwei', 'zhanwei']) {
      expect(found(await search(q)).sort(), q).toEqual(['zhangWei:similar-sound', 'zhangWeiJade:similar-sound', 'zhangWeiOther:similar-sound']);
    }
    // Typed in Chinese, names one character off follow (李伟 differs from 詹伟 by one character).
    const chinese = found(await search('詹伟'));
    expect(chinese.slice(0, 3).sort()).toEqual(['zhangWei:similar-sound', 'zhangWeiJade:similar-sound', 'zhangWeiOther:similar-sound']);
    expect(chinese.slice(3)).toEqual(['liWei:similar-name']);
    const typed = await search('张伟');
    expect(found(typed).filter((f) => f.endsWith('similar-sound'))).toEqual([]);
    expect(found(await search('zouwen'))).toEqual(['zhouWen:similar-sound']);
  });

  it('reads polyphonic surnames both ways, agents included', async () => {
    expect(found(await search('zengxiaoxian'))).toEqual(['zengXiaoXian:pinyin']);
    expect(found(await search('cengxiaoxian'))).toEqual(['zengXiaoXian:pinyin']);
    expect(found(await search('shantianfang'))).toEqual(['agent:pinyin']);
    expect(found(await search('单天放'))).toEqual(['agent:pinyin']);
  });

  it('finds addresses by a part of them, whole address first, variants tolerated', async () => {
    const part = await search('幸福路12号');
    expect(part.kind).toBe('address');
    expect(found(part).sort()).toEqual(['shortAddress:address-part', 'zhangWei:address-part', 'zhangWeiJade:address-part']);
    for (const variant of ['杭州市上城区幸福路１２号', '杭州市 上城 幸福路 12 号']) {
      const whole = found(await search(variant, { kind: 'address' }));
      expect(whole[0], variant).toBe('shortAddress:address');
      expect(whole.slice(1).sort(), variant).toEqual(['zhangWei:address-part', 'zhangWeiJade:address-part']);
    }
    expect(found(await search('幸福路'))).toHaveLength(3);
    expect(found(await search('幸福小区3栋'))).toEqual(['zhangWeiHua:address-part']);
    expect(found(await search('幸福路12号3号楼501'))).toEqual(['zhangWei:address-part']);
    expect(found(await search('莫干山路10', { kind: 'address' })).sort()).toEqual(['zengXiaoXian:address-part', 'zhouWen:address-part']);
  });

  it('refuses an address part too short to look for, naming the field', async () => {
    const result = await searchPeople(test.db, viewer, { q: '3栋', kind: 'address' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION_FAILED');
    expect(result.error.detail).toContain('地址至少输入 3 个字');
    expect(result.error.problems).toEqual([{ path: 'q', message: expect.stringContaining('地址') }]);
  });

  it('masks the matched address unless asked, and audits each search', async () => {
    const before = await test.db.prisma.auditEntry.count({ where: { action: 'investigation.search' } });
    const masked = await searchPeople(test.db, { ...viewer, unmask: false }, { q: '幸福小区3栋' });
    expect(masked.ok && masked.value.persons[0]?.match?.address).toBe('杭州市****');
    expect(JSON.stringify(masked)).not.toContain('幸福小3幢201');
    expect(await test.db.prisma.auditEntry.count({ where: { action: 'investigation.search' } })).toBe(before + 1);
    const entry = await test.db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'investigation.search' }, orderBy: { seq: 'desc' } });
    expect(entry.data).toMatchObject({ kind: 'address', address: '幸福小3幢', persons: 1, unmasked: false });
  });

  it('serves the searches over HTTP and on the workbench page, a too short address part refused as 400', async () => {
    const api = await createTestApi(test.db);
    try {
      const investigator = await signIn(api, ['INVESTIGATOR']);
      const res = await api.app.request(`/api/v1/investigation/search?q=${encodeURIComponent('zhang wei')}&unmask=true`, { headers: investigator.headers });
      const body = await res.json() as { kind: string; persons: Array<{ idNumber: string; match: { match: string } }>; keysPending: boolean };
      expect([res.status, body.kind, body.keysPending, body.persons.map((p) => p.idNumber).sort()])
        .toEqual([200, 'name', false, [idOf('zhangWei'), idOf('zhangWeiJade'), idOf('zhangWeiOther'), idOf('zhangWeiHua')].sort()]);
      expect(body.persons.map((p) => p.match.match)).toEqual(['pinyin', 'pinyin', 'pinyin', 'pinyin-prefix']);
      const short = await api.app.request(`/api/v1/investigation/search?kind=address&q=${encodeURIComponent('3栋')}`, { headers: investigator.headers });
      expect([short.status, (await short.json() as { problems: Array<{ path: string }> }).problems[0]?.path]).toEqual([400, 'q']);
      const html = await (await api.app.request('/investigate?q=zw', { headers: { accept: 'text/html', cookie: investigator.cookie } })).text();
      expect(html).toContain('按姓名查询');
      expect(html).toContain('拼音首字母');
    } finally {
      await api.dispose();
    }
  });

  it('keys names and addresses stored after the last search, in the background after a bulk load', async () => {
    await ingestSimulated(test.db, [sampleTransaction({
      id: 'SR-new', acceptedAt: '2026-03-10T09:00:00+08:00', completedAt: null, status: 'ACCEPTED', vehicle: null, appointment: null, materials: [], type: 'DL_RENEW', agent: null,
      applicant: { kind: 'PERSON', idNumber: id(50), name: '欧阳明月', phone: '13800005000', address: '宁波市海曙区月湖路5号', identityCheck: 'PASSED' },
    }) as unknown as SimTransaction]);
    expect(await ensureSearchKeys(test.db, { inlineBacklog: 0 })).toEqual({ pending: true });
    await searchKeysSettled(test.db);
    expect(await ensureSearchKeys(test.db, { inlineBacklog: 0 })).toEqual({ pending: false });
    expect((await search('oymy')).persons.map((p) => p.idNumber)).toEqual([id(50)]);
    expect((await search('月湖路5号')).persons.map((p) => p.idNumber)).toEqual([id(50)]);
  });

  it('keys a whole database at once when far behind (after an upgrade or a bulk load)', async () => {
    await test.db.sql.exec('TRUNCATE person_name_key, address_key; UPDATE search_key_state SET keyed_seq = 0');
    const summary = await keySearchTerms(test.db, { bulkBacklog: 0 });
    expect(summary).toMatchObject({ transactions: KEYS.length + 1, names: KEYS.length + 2 });
    expect(await ensureSearchKeys(test.db, { inlineBacklog: 0 })).toEqual({ pending: false });
    expect(found(await search('zw')).sort()).toEqual(['zhangWei:initials', 'zhangWeiJade:initials', 'zhangWeiOther:initials', 'zhouWen:initials']);
    expect(found(await search('幸福小区3栋'))).toEqual(['zhangWeiHua:address-part']);
  });

  it('keys what arrived since the last keying when the scheduler asks, and nothing when all is keyed', async () => {
    await ingestSimulated(test.db, [sampleTransaction({
      id: 'SR-scheduled', acceptedAt: '2026-03-11T09:00:00+08:00', completedAt: null, status: 'ACCEPTED', vehicle: null, appointment: null, materials: [], type: 'DL_RENEW', agent: null,
      applicant: { kind: 'PERSON', idNumber: id(51), name: '司马青山', phone: '13800005100', address: '宁波市江北区槐树路7号', identityCheck: 'PASSED' },
    }) as unknown as SimTransaction]);
    expect(await refreshSearchKeys(test.db)).toMatchObject({ transactions: 1, names: 1 });
    // The new keys were merged into the GIN indexes: nothing left pending for every search to read.
    const pending = await test.db.sql.query<{ pages: number }>(
      "SELECT gin_clean_pending_list(i)::int AS pages FROM unnest(ARRAY['person_name_key_pinyin_idx', 'person_name_key_pinyin_text_trgm_idx', 'address_key_canonical_trgm_idx']::regclass[]) AS i");
    expect(pending.map((p) => p.pages)).toEqual([0, 0, 0]);
    expect(await refreshSearchKeys(test.db)).toBeNull();
    expect(await ensureSearchKeys(test.db, { inlineBacklog: 0 })).toEqual({ pending: false });
    expect((await search('smqs')).persons.map((p) => p.idNumber)).toEqual([id(51)]);
  });
  it('finds people by a name they were recorded under before (曾用名), after those who hold it now', async () => {
    const applicant = (n: number, name: string) => ({ kind: 'PERSON', idNumber: id(n), name, phone: `1380000${5200 + n}`, address: '宁波市鄞州区天童路9号', identityCheck: 'PASSED' });
    const renewal = (txId: string, day: string, person: Record<string, unknown>) => sampleTransaction({
      id: txId, acceptedAt: `2026-03-${day}T09:00:00+08:00`, completedAt: null, status: 'ACCEPTED', vehicle: null, appointment: null, materials: [], type: 'DL_RENEW', agent: null, applicant: person,
    }) as unknown as SimTransaction;
    await ingestSimulated(test.db, [renewal('SR-old-name', '12', applicant(52, '王大锤')), renewal('SR-holder', '12', applicant(53, '王大锤'))]);
    await ingestSimulated(test.db, [renewal('SR-new-name', '13', applicant(52, '王锤')), renewal('SR-same-name', '14', applicant(52, '王锤'))]);
    const former = await test.db.sql.query<{ person_key: string; name: string }>('SELECT person_key, name FROM person_former_name ORDER BY 1, 2');
    expect(former).toEqual([{ person_key: `P:${id(52)}`, name: '王大锤' }]);
    for (const q of ['王大锤', 'wangdachui']) {
      const r = await search(q);
      expect(r.persons.map((p) => [p.idNumber, p.name, p.match?.formerName ?? null]), q).toEqual([[id(53), '王大锤', null], [id(52), '王锤', '王大锤']]);
      expect(r.persons[1]?.match, q).toMatchObject(q === 'wangdachui' ? { match: 'pinyin' } : { match: 'exact', nameDistance: 0 });
    }
    const current = (await search('王锤')).persons.map((p) => [p.idNumber, p.match?.match, p.match?.formerName ?? null]);
    expect(current[0]).toEqual([id(52), 'exact', null]);
    expect(current.filter(([who]) => who === id(52))).toHaveLength(1);
  });
  it('keeps as former names the names that arrive late and those a later row of the same batch replaced', async () => {
    const renewal = (txId: string, day: string, n: number, name: string) => sampleTransaction({
      id: txId, acceptedAt: `2026-04-${day}T09:00:00+08:00`, completedAt: null, status: 'ACCEPTED', vehicle: null, appointment: null, materials: [], type: 'DL_RENEW', agent: null,
      applicant: { kind: 'PERSON', idNumber: id(n), name, phone: `1380000${5300 + n}`, address: '宁波市鄞州区天童路9号', identityCheck: 'PASSED' },
    }) as unknown as SimTransaction;
    const namesOf = async (n: number) => ({
      current: (await test.db.sql.query<{ name: string }>('SELECT name FROM person WHERE key = $1', [`P:${id(n)}`]))[0]?.name,
      former: (await test.db.sql.query<{ name: string }>('SELECT name FROM person_former_name WHERE person_key = $1 ORDER BY last_seen_at', [`P:${id(n)}`])).map((r) => r.name),
    });
    // 54: the newest name first, an older one in a later file; 55: three names in one batch, out of order.
    await ingestSimulated(test.db, [renewal('SR-54-new', '20', 54, '钱多多')]);
    await ingestSimulated(test.db, [renewal('SR-54-old', '10', 54, '钱朵朵'), renewal('SR-55-b', '12', 55, '孙二'), renewal('SR-55-c', '13', 55, '孙三'), renewal('SR-55-a', '11', 55, '孙一')]);
    expect(await namesOf(54)).toEqual({ current: '钱多多', former: ['钱朵朵'] });
    expect(await namesOf(55)).toEqual({ current: '孙三', former: ['孙一', '孙二'] });
    // The stored name back again in a late transaction is not a former name of its holder.
    await ingestSimulated(test.db, [renewal('SR-54-older', '05', 54, '钱多多')]);
    expect(await namesOf(54)).toEqual({ current: '钱多多', former: ['钱朵朵'] });
    const found = await search('钱朵朵');
    expect(found.persons.map((p) => [p.idNumber, p.name, p.match?.formerName ?? null])).toEqual([[id(54), '钱多多', '钱朵朵']]);
  });
});
