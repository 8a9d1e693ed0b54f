import { cronerCalendar } from '../scheduler/cron-calendar';
import sharp from 'sharp';
import { AppError, isAppError } from '../../contract';
import type { BackupDocument } from '../../contract/operations/backup';
import { assertPrivateKey } from '../operations/private-key';
import { MAX_ARTWORK_PIXELS } from '../processor/artwork';
import { assertTimeZone } from '../processor/local-time';
import { assertNetworkUrl } from '../recorder/url-policy';

/** Decodes the whole image: a JPEG whose data is cut off or damaged is refused. */
async function assertJpeg(bytes: Buffer, field: string): Promise<void> {
  try {
    const image = sharp(bytes, { failOn: 'warning', limitInputPixels: MAX_ARTWORK_PIXELS });
    const meta = await image.metadata();
    if (meta.format !== 'jpeg') throw new Error(`it is ${meta.format ?? 'not an image'}`);
    await image.raw().toBuffer();
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new AppError(
      'INVALID_IMAGE',
      `${field}: the artwork is not a decodable JPEG (${detail}).`,
      {
        field,
        cause: error,
      },
    );
  }
}

function assertCron(
  expression: string,
  timezone: string | null,
  defaultTimeZone: string,
  field: string,
): void {
  // the scheduler's own rules (5 or 6 fields, its DST policy), so a restore accepts exactly
  // what the schedules operations accept
  try {
    cronerCalendar.validate(expression, timezone ?? defaultTimeZone);
  } catch (error) {
    withField(error, field);
  }
}

function withField(error: unknown, field: string): never {
  if (isAppError(error)) {
    throw new AppError(error.code, `${field}: ${error.message}`, { field, cause: error });
  }
  throw error;
}

/**
 * The checks zod cannot do synchronously, on a document that passed backupDocumentSchema: private
 * keys that ssh2 can open with their passphrase, network stream URLs only, cron expressions and time zones that the scheduler accepts, artwork that
 * decodes as JPEG. Throws the first problem as an AppError naming its field
 * (`streams.2.artwork`); changes nothing.
 */
export async function checkBackup(doc: BackupDocument): Promise<void> {
  for (const [i, d] of doc.destinations.entries()) {
    if (d.privateKey === null) continue;
    try {
      await assertPrivateKey(d.privateKey, d.passphrase, 'privateKey');
    } catch (error) {
      const which = isAppError(error) && error.field === 'passphrase' ? 'passphrase' : 'privateKey';
      withField(error, `destinations.${i}.${which}`);
    }
  }
  for (const [i, s] of doc.streams.entries()) {
    try {
      assertNetworkUrl(s.streamUrl, `streams.${i}.streamUrl`);
    } catch (error) {
      withField(error, `streams.${i}.streamUrl`);
    }
    for (const [j, url] of s.fallbackUrls.entries()) {
      try {
        assertNetworkUrl(url, `streams.${i}.fallbackUrls.${j}`);
      } catch (error) {
        withField(error, `streams.${i}.fallbackUrls.${j}`);
      }
    }
  }
  for (const [i, s] of doc.schedules.entries()) {
    if (s.timezone !== null) {
      try {
        assertTimeZone(s.timezone);
      } catch (error) {
        withField(error, `schedules.${i}.timezone`);
      }
    }
    assertCron(s.cronExpression, s.timezone, 'UTC', `schedules.${i}.cronExpression`);
  }
  for (const [i, s] of doc.streams.entries()) {
    if (s.artwork !== null)
      await assertJpeg(Buffer.from(s.artwork, 'base64'), `streams.${i}.artwork`);
  }
}
