import { mapHeaders, parseImportRow, type ColumnIndex } from '@anxin/domain';
import type { Queryable } from '../db/database.ts';
import { writeEpisodes, type EpisodeWrite } from '../modules/episodes/episode-store.ts';
import { PERSON_CONTEXT, localIsoDate, nationalIdIndex, phoneIndex } from '../modules/persons/person-crypto.ts';
import { PersonRepository } from '../modules/persons/person-repository.ts';
import type { FieldCipher } from '../privacy/field-cipher.ts';
import { syntheticPersonLines } from './synthetic-persons.ts';

const HOSPITAL = '武汉市金银潭医院';

/** Splits one generated CSV line (no quoted commas in generated data except addresses, which have none). */
const cellsOf = (line: string): string[] => line.replace(/\n$/, '').split(',').map((c) => c.replace(/^"(.*)"$/, '$1').replace(/""/g, '"'));

/**
 * Demo register: ~150 synthetic people in 江岸区 and 江汉区 communities, a quarter with a stay at the
 * demo's designated hospital, most discharged, so primary care's new-arrivals inbox has hand-overs
 * (some with psychiatric medication). Rows go through the importer's row contract and the episode
 * store, so they look exactly like imported data. Skips when the hospital or the communities are
 * missing, and people whose national ID is already registered.
 */
export async function seedRegister(tx: Queryable, o: { at: Date; cipher: FieldCipher; timeZone?: string; rows?: number }): Promise<{ persons: number; episodes: number }> {
  const hospital = (await tx.query<{ id: string }>(`SELECT id FROM organizations WHERE type = 'designated_hospital' AND name = $1`, [HOSPITAL]))[0];
  const communities = await tx.query<{ code: string; name: string }>(
    `SELECT code, name FROM regions WHERE level = 'community' AND (code LIKE '420102%' OR code LIKE '420103%') ORDER BY code LIMIT 60`,
  );
  if (!hospital || communities.length === 0) return { persons: 0, episodes: 0 };
  const today = localIsoDate(o.at, o.timeZone ?? 'Asia/Shanghai');
  const persons = new PersonRepository(tx);
  let columnIndex: ColumnIndex | undefined;
  let created = 0;
  const episodes: EpisodeWrite[] = [];
  for (const line of syntheticPersonLines({ rows: o.rows ?? 150, communities, hospitals: [HOSPITAL], episodeShare: 0.25, seed: 42_0102, offset: 9_000_000 })) {
    const cells = cellsOf(line);
    if (!columnIndex) {
      const m = mapHeaders(cells);
      if (!m.ok) throw new Error('synthetic header does not map');
      columnIndex = m.columnIndex;
      continue;
    }
    const parsed = parseImportRow(cells, columnIndex, today);
    if (!parsed.ok) continue;
    const { person: p, categories, episode } = parsed.value;
    const id = await persons.insert({
      name: p.name,
      sex: p.sex,
      birthDate: p.birthDate,
      nationalIdEnc: p.nationalId === undefined ? null : o.cipher.encrypt(p.nationalId, PERSON_CONTEXT.nationalId),
      nationalIdBidx: p.nationalId === undefined ? null : (nationalIdIndex(o.cipher, p.nationalId) ?? null),
      phoneEnc: p.phone === undefined ? null : o.cipher.encrypt(p.phone, PERSON_CONTEXT.phone),
      phoneBidx: p.phone === undefined ? null : (phoneIndex(o.cipher, p.phone) ?? null),
      addressEnc: p.address === undefined ? null : o.cipher.encrypt(p.address, PERSON_CONTEXT.address),
      regionCode: p.residenceRegionCode,
      deceasedOn: null,
      createdBy: null,
      at: o.at,
    });
    if (id === undefined) continue;
    created++;
    await persons.insertCategories(
      categories.map((c) => ({ personId: id, category: c.category, subtype: 'subtype' in c ? (c.subtype ?? null) : null, source: 'import' as const, validFrom: today, validTo: null })),
    );
    if (episode) {
      const { hospital: _name, ...ep } = episode;
      episodes.push({ personId: id, regionCode: p.residenceRegionCode, episode: { ...ep, hospitalOrgId: hospital.id } });
    }
  }
  await writeEpisodes(tx, o.cipher, episodes, { at: o.at, actorId: null });
  return { persons: created, episodes: episodes.length };
}
