import { router } from '../../init.ts';
import { capabilitiesProcedure } from './capabilities.ts';

export const systemRouter = router({ capabilities: capabilitiesProcedure });
