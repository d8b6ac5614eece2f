/*
 * The load generator as a library, for benchmarks and browser tests: a live
 * meeting of N sites, and N synthetic rooms with real media joining it.
 *
 *   const { siteCodes } = await liveMeetingOfSites(platform.db, 40);
 *   const rooms = await startGeneratorRooms({
 *     url: platform.url,
 *     rooms: await Promise.all(siteCodes.slice(2).map(async (siteCode) => ({ siteCode, token: await platform.kioskToken(siteCode) }))),
 *   });
 *   … rooms.reports() …
 *   rooms.close();
 */
export { LoadGenerator, startGeneratorRooms, type GeneratorOptions, type RoomLink } from './LoadGenerator';
export { liveMeetingOfSites } from './liveMeeting';
export type { RoomReport } from './SyntheticRoom';
