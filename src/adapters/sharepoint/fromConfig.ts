import type { SharePointConfig } from '../../config';
import { graphClientFor as graphClientForIdentity } from '../graph/fromConfig';
import type { GraphClient } from '../graph/graphClient';

/** The Graph client SharePoint is written through: the app's Graph identity, decorated, optionally logged. */
export function graphClientFor(config: SharePointConfig, log?: (line: string) => void): GraphClient {
  return graphClientForIdentity(config, log ? { log } : {});
}
