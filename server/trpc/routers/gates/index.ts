import { router } from '../../init.ts';
import { delegateGatesProcedure } from './delegate.ts';
import { delegatedToMeProcedure } from './delegated-to-me.ts';
import { listGatesProcedure } from './list.ts';
import { myDelegationProcedure } from './my-delegation.ts';
import { resolveGateProcedure } from './resolve.ts';

export const gatesRouter = router({ list: listGatesProcedure, resolve: resolveGateProcedure, delegate: delegateGatesProcedure, myDelegation: myDelegationProcedure, delegatedToMe: delegatedToMeProcedure });
