// The one protocol (model/protocol.ts): every message the model sends is named there, and the scenario file's
// message names are among them with the same meaning.
import { describe, expect, test } from 'vitest';
import { MESSAGE_NAMES, MESSAGE_ROLES, isMessageType, messagesOf } from '../../model/protocol.ts';
import { runModel } from '../../model/world.ts';
import { PROFILES } from '../../properties/profiles/index.ts';
import { MESSAGE_TYPES } from '../../scenarios/format.ts';

describe('protocol', () => {
  test('the scenario file\'s message names are protocol messages', () => {
    for (const name of MESSAGE_TYPES) expect(isMessageType(name), name).toBe(true);
    expect(isMessageType('toString')).toBe(false);
  });

  test('every message a run sends is named in the protocol, from the role that sends it', () => {
    const roleOf = (node: string) => (node.startsWith('producer') ? 'producer' : node.startsWith('broker') ? 'broker' : node === 'operator' ? 'operator' : 'consumer');
    const seen = new Set<string>();
    for (let seed = 1; seed <= 30; seed++) {
      const outcome = runModel(PROFILES.harsh!.generate(seed));
      for (const e of outcome.trace.events()) {
        if (e.kind !== 'SEND') continue;
        expect(isMessageType(e.msg), e.msg).toBe(true);
        expect(MESSAGE_ROLES[e.msg as keyof typeof MESSAGE_ROLES], e.msg).toEqual({ from: roleOf(e.node), to: roleOf(e.peer) });
        seen.add(e.msg);
      }
    }
    expect([...seen].sort()).toEqual([...MESSAGE_NAMES].filter((m) => m !== 'resume' && m !== 'redrive').sort());
  });

  test('each role\'s messages, in protocol order', () => {
    expect(messagesOf('operator', 'sends')).toEqual(['redrive', 'resume']);
    expect(messagesOf('consumer', 'receives')).toEqual(['deliver', 'registered', 'offsetCommitted']);
  });
});
