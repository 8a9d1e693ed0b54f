// Writes core/src/db/fixtures/v1-initial.sqlite: a database as the first migration left it, with
// one row in each table, so that db tests can upgrade it through every later migration.
// Run: npx tsx scripts/make-db-fixture.ts (only when adding a fixture for a new release).
import { rmSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { InitialSchema1764000000000 } from '../core/src/db/migrations/0001-initial-schema';

const out = 'core/src/db/fixtures/v1-initial.sqlite';
rmSync(out, { force: true });
const ds = new DataSource({
  type: 'better-sqlite3',
  database: out,
  migrations: [InitialSchema1764000000000],
});
await ds.initialize();
await ds.runMigrations();
const t = '2026-11-01T06:00:00.000Z';
await ds.query(
  `INSERT INTO destinations (id,name,host,port,username,remoteDir,transferMode,createdAt,updatedAt) VALUES ('d1','NAS','nas.local',22,'radio','/music/shows','fastPut',?,?)`,
  [t, t],
);
await ds.query(
  `INSERT INTO streams (id,name,streamUrl,fallbackUrls,artist,album,albumArtist,genre,destinationId,mp3BitrateKbps,createdAt,updatedAt) VALUES ('s1','Morning Show','http://radio.example/live.mp3','["http://backup.example/live.mp3"]','Radio X','Mornings','Radio X','Talk','d1',192,?,?)`,
  [t, t],
);
await ds.query(
  `INSERT INTO schedules (id,streamId,cronExpression,timezone,durationMinutes,isActive,maxRetries,createdAt,updatedAt) VALUES ('c1','s1','0 6 * * 1-5','Europe/Berlin',120,1,3,?,?)`,
  [t, t],
);
await ds.query(
  `INSERT INTO sessions (id,streamId,scheduleId,status,transferStatus,startTime,endTime,plannedDurationSeconds,durationSeconds,title,trackNumber,outputFilePath,gaps,partial,attempts,createdAt,updatedAt) VALUES ('x1','s1','c1','COMPLETED','PENDING',?,?,7200,7200.1,'2026-11-01 Morning Show',2496,'/rec/2026-11-01 Morning Show.mp3','[]',0,2,?,?)`,
  [t, '2026-11-01T08:00:00.000Z', t, '2026-11-01T08:01:00.000Z'],
);
await ds.query(`INSERT INTO settings (key,value) VALUES ('retentionDays','30')`);
await ds.destroy();
console.log(`wrote ${out}`);
