import { router } from '../../init.ts';
import { acceptSuggestionProcedure } from './accept.ts';
import { decideSuggestionsProcedure } from './decide-many.ts';
import { rejectSuggestionProcedure } from './reject.ts';
import { listSuggestionsProcedure } from './suggestions.ts';

export const enrichmentRouter = router({
  suggestions: listSuggestionsProcedure,
  accept: acceptSuggestionProcedure,
  reject: rejectSuggestionProcedure,
  decideMany: decideSuggestionsProcedure,
});
