import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_JSON, OLDER_TRAIN_FORMATS, TRAIN_FORMAT } from '@resnet/sweep/folder';

/** The `format` of a folder's manifest.json (e.g. `resnet-train/2`), or null when it has none or it cannot be read (the command's own loader then says why). */
export function folderFormat(dir: string): string | null {
  try {
    // A regular file only: a FIFO named manifest.json would block the read (the loaders then refuse it).
    if (!lstatSync(join(dir, MANIFEST_JSON)).isFile()) return null;
    const format = (JSON.parse(readFileSync(join(dir, MANIFEST_JSON), 'utf8')) as { format?: unknown }).format;
    return typeof format === 'string' ? format : null;
  } catch {
    return null;
  }
}

/** Whether the folder is a training folder (`resnet train`'s manifest format, or an older version's: its loader says so). */
export function isTrainFolder(dir: string): boolean {
  const format = folderFormat(dir);
  return format === TRAIN_FORMAT || (format !== null && OLDER_TRAIN_FORMATS.includes(format));
}
