/**
 * Which landing zone a file deploys into: the first of the config's landing zones whose `paths` globs match
 * the file's path relative to the config. One matcher for the engine (subscription, summary per zone) and
 * the readers (the zone's `location`), so both always agree.
 */
import picomatch from 'picomatch';
import type { DrCheckConfig, LandingZoneConfig } from './types';

export function landingZoneMatcher(config: DrCheckConfig, configRelative: (file: string) => string = (f) => f): (file: string) => LandingZoneConfig | undefined {
  const zones = (config.landingZones ?? []).map((lz) => ({ lz, match: picomatch(lz.paths, { dot: true }) }));
  if (!zones.length) return () => undefined;
  const known = new Map<string, LandingZoneConfig | undefined>();
  return (file) => {
    if (known.has(file)) return known.get(file);
    const rel = configRelative(file);
    const lz = zones.find((z) => z.match(rel))?.lz;
    known.set(file, lz);
    return lz;
  };
}
