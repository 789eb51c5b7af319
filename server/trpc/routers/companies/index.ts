import { router } from '../../init.ts';
import { mineProcedure } from './mine.ts';

export const companiesRouter = router({ mine: mineProcedure });
