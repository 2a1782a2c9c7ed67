import { describe, expect, it } from 'vitest';
import { testVirtualService, v1, v2, v3 } from './testVirtualService';
import { initialTrafficState, trafficReducer } from './trafficEditorState';

const fiftyFifty = () =>
  testVirtualService([
    {
      route: [
        { destination: v1, weight: 50 },
        { destination: v2, weight: 50 },
      ],
    },
  ]);

describe('trafficReducer', () => {
  it('moves v2 to 10 when v1 goes to 90', () => {
    const state = trafficReducer(initialTrafficState(fiftyFifty()), {
      type: 'setWeight',
      route: 0,
      destination: 0,
      value: 90,
    });
    expect(state.edited.spec.http?.[0]?.route?.map((d) => d.weight)).toEqual([90, 10]);
    expect(state.base.spec.http?.[0]?.route?.map((d) => d.weight)).toEqual([50, 50]);
  });

  it('respects locks and evenly distributes over the unlocked rows', () => {
    let state = initialTrafficState(
      testVirtualService([
        {
          route: [
            { destination: v1, weight: 20 },
            { destination: v2, weight: 30 },
            { destination: v3, weight: 50 },
          ],
        },
      ]),
    );
    state = trafficReducer(state, { type: 'toggleLock', route: 0, destination: 1 });
    state = trafficReducer(state, { type: 'setWeight', route: 0, destination: 0, value: 60 });
    expect(state.edited.spec.http?.[0]?.route?.map((d) => d.weight)).toEqual([60, 30, 10]);
    state = trafficReducer(state, { type: 'evenly', route: 0 });
    expect(state.edited.spec.http?.[0]?.route?.map((d) => d.weight)).toEqual([35, 30, 35]);
    state = trafficReducer(state, { type: 'toggleLock', route: 0, destination: 1 });
    expect(state.locks).toEqual({});
  });

  it('adds, edits and removes a mirror', () => {
    let state = initialTrafficState(testVirtualService([{ route: [{ destination: v1 }] }]));
    state = trafficReducer(state, {
      type: 'addMirror',
      route: 0,
      mirror: { destination: v2, percentage: 10 },
    });
    state = trafficReducer(state, { type: 'setMirrorPercentage', route: 0, mirror: 0, value: 100 });
    expect(state.edited.spec.http?.[0]).toEqual({
      route: [{ destination: v1 }],
      mirror: v2,
      mirrorPercentage: { value: 100 },
    });
    state = trafficReducer(state, { type: 'setMirrorTarget', route: 0, mirror: 0, destination: v3 });
    expect(state.edited.spec.http?.[0]?.mirror).toEqual(v3);
    state = trafficReducer(state, { type: 'removeMirror', route: 0, mirror: 0 });
    expect(state.edited).toEqual(state.base);
  });

  it('ignores actions on routes that do not exist', () => {
    const state = initialTrafficState(fiftyFifty());
    expect(trafficReducer(state, { type: 'setWeight', route: 4, destination: 0, value: 1 })).toBe(state);
  });

  it('reapplies the edits on top of a newer server object', () => {
    let state = initialTrafficState(fiftyFifty());
    state = trafficReducer(state, { type: 'setWeight', route: 0, destination: 0, value: 90 });
    const theirs = fiftyFifty();
    theirs.metadata.resourceVersion = '6';
    theirs.spec.http![0]!.timeout = '7s';
    state = trafficReducer(state, { type: 'rebase', theirs });
    expect(state.base.metadata.resourceVersion).toBe('6');
    expect(state.edited.spec.http?.[0]).toMatchObject({
      timeout: '7s',
      route: [{ weight: 90 }, { weight: 10 }],
    });
    expect(state.rebased).toEqual({ overlapping: [], dropped: [] });
  });
});
