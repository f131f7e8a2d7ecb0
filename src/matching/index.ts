export { ALERT_THRESHOLD, MatchIndex, buildIndex, type Hit, type MatchQuery, type SearchOptions, type WatchlistEntry } from './match-index';
export { nameParts, normalizeText, parseName, phoneticOf, skeletonOf, transliterate, type NamePart, type ParsedName, type PartKind } from './normalize';
export {
  EFFECTS, INFORMATIVE_NAME_NATS, combineScore, compareAttributes, compareNames, compareParts, informationOf, partWeight,
  type AttributeCheck, type AttributeName, type CandidateAttributes, type Explanation, type MatchHow, type NameComparison,
  type PartMatch, type QueryAttributes, type RarityFn,
} from './score';
export { jaroWinkler } from './similarity';
export { normalizeNationality } from './nationality';
