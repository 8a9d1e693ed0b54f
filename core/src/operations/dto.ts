import type { DestinationDto } from '../../contract/operations/destinations';
import { artworkUrlOf, type StreamDto } from '../../contract/operations/streams';
import type { DestinationRecord, StreamRecord } from '../db/records';

/** A destination as answered: no private key, no passphrase, only whether they are set. */
export function toDestinationDto(r: DestinationRecord): DestinationDto {
  return {
    id: r.id,
    name: r.name,
    host: r.host,
    port: r.port,
    username: r.username,
    remoteDir: r.remoteDir,
    hasPrivateKey: r.storedKeyFile !== null,
    privateKeyPath: r.privateKeyPath,
    hasPassphrase: r.passphraseFile !== null,
    hostKeyFingerprint: r.hostKeyFingerprint,
    publicBaseUrl: r.publicBaseUrl,
    transferMode: r.transferMode,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** A stream as answered: its artwork as a URL, never as a local path. */
export function toStreamDto(r: StreamRecord): StreamDto {
  return {
    id: r.id,
    name: r.name,
    streamUrl: r.streamUrl,
    fallbackUrls: [...r.fallbackUrls],
    artist: r.artist,
    album: r.album,
    albumArtist: r.albumArtist,
    genre: r.genre,
    outputFilenamePattern: r.outputFilenamePattern,
    destinationId: r.destinationId,
    mp3BitrateKbps: r.mp3BitrateKbps,
    silenceThresholdDb: r.silenceThresholdDb,
    deadAirSeconds: r.deadAirSeconds,
    writeCueSheet: r.writeCueSheet,
    podcast: { ...r.podcast },
    artworkUrl: r.artworkFile ? artworkUrlOf(r.id) : null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
