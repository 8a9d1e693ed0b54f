// Worker: the app's uploader (uploadFile: connect, verify the host key, mkdir -p, upload to
// `<name>.part` with fastPut or put, check the size, rename into place).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { silentLogger } from '../../src/ports/logger';
import { createSftpClientFactory } from '../../src/transfer/sftp-client';
import { uploadFile } from '../../src/transfer/uploader';
import { runWorker } from './protocol';

export interface UploadFileCommand {
  host: string;
  port: number;
  username: string;
  privateKeyPath: string;
  remoteDir: string;
  localPath: string;
  fileName: string;
  mode: 'fastPut' | 'put';
}

runWorker<UploadFileCommand>(async (c) => {
  const started = performance.now();
  const result = await uploadFile(
    {
      destination: {
        id: 'bench',
        host: c.host,
        port: c.port,
        username: c.username,
        remoteDir: c.remoteDir,
        privateKey: readFileSync(c.privateKeyPath),
        transferMode: c.mode,
      },
      localPath: c.localPath,
      fileName: c.fileName,
    },
    { clientFactory: createSftpClientFactory(silentLogger), logger: silentLogger },
  );
  return { wallMs: performance.now() - started, result };
});
