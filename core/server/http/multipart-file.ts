import type { FastifyRequest } from 'fastify';
import { AppError } from '../../contract';

/** The multipart field a raw-body route reads (the contract: field `file`). */
export const UPLOAD_FIELD = 'file';

/**
 * The bytes of the `file` field of a multipart upload. Its declared type must be one of
 * `contentTypes` (or the generic application/octet-stream: the handler checks the bytes anyway);
 * larger than the route's limit is a 413 (thrown by the multipart plugin).
 */
export async function readUploadedFile(
  request: FastifyRequest,
  contentTypes: readonly string[],
): Promise<Buffer> {
  const part = await request.file();
  if (!part || part.fieldname !== UPLOAD_FIELD) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Send the image as the multipart field "${UPLOAD_FIELD}".`,
      { field: UPLOAD_FIELD },
    );
  }
  const type = part.mimetype.split(';')[0]!.trim().toLowerCase();
  if (!contentTypes.includes(type) && type !== 'application/octet-stream') {
    part.file.resume();
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `The upload is ${type || 'of no type'}: send ${contentTypes.join(', ')}.`,
      { field: UPLOAD_FIELD },
    );
  }
  const bytes = await part.toBuffer();
  if (part.file.truncated) {
    throw new AppError('PAYLOAD_TOO_LARGE', 'The uploaded file is too large.', {
      field: UPLOAD_FIELD,
    });
  }
  return bytes;
}
