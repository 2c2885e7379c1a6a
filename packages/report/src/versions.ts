import { packageVersions } from '@resnet/sweep/folder';

/** Versions of the packages that draw the report (as this package resolves them), plus Node's. */
export function reportVersions(): Record<string, string> {
  return packageVersions(
    ['@resnet/report', '@resnet/core', 'vega', 'vega-lite', '@napi-rs/canvas', 'dejavu-fonts-ttf'],
    import.meta.url,
  );
}
