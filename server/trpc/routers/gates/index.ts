import { router } from '../../init.ts';
import { delegateGatesProcedure } from './delegate.ts';
import { listGatesProcedure } from './list.ts';
import { resolveGateProcedure } from './resolve.ts';

export const gatesRouter = router({ list: listGatesProcedure, resolve: resolveGateProcedure, delegate: delegateGatesProcedure });
