/** Module-level, so React Flow never sees a new object and never remounts every node. */
import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { BranchEdge } from './branch-edge.tsx';
import { StepNode } from './step-node.tsx';

export const nodeTypes = { step: StepNode } satisfies NodeTypes;
export const edgeTypes = { branch: BranchEdge } satisfies EdgeTypes;
