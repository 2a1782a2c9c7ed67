import type { FlowComparison, FlowExchange, FlowRecord } from '@shadowmesh/api';
import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../api/ApiError';
import { flowQuery } from '../api/queries';
import { ErrorNotice } from '../components/ErrorNotice';
import { BodyCompare } from './BodyCompare';
import { DifferenceList } from './DifferenceList';
import { FlowTimelineView } from './FlowTimelineView';
import { destinationName } from './flowTimeline';
import { HeaderCompare } from './HeaderCompare';

interface FlowDetailProps {
  /** The exchange id (or a bare request id, for its newest exchange). */
  id: string;
  onClose(): void;
}

const contentType = (record: FlowRecord | null | undefined, side: 'request' | 'response') =>
  (side === 'request' ? record?.requestHeaders : record?.responseHeaders)?.['content-type'];

function CopySection({
  primary,
  copy,
  comparison,
}: {
  primary: FlowRecord | null;
  copy: FlowRecord;
  comparison?: FlowComparison;
}) {
  const label = `Shadow (${destinationName(copy)})`;
  const differences = comparison?.differences ?? [];
  const result = comparison?.result ?? 'pending';
  return (
    <section className="flow-copy" aria-label={`Copy to ${destinationName(copy)}`} data-testid="flow-copy">
      <h3>
        {copy.type === 'baseline' ? 'Baseline' : 'Shadow'} copy to {destinationName(copy)}:{' '}
        <span className={`flow-result ${result}`} data-testid="copy-result">
          {result}
        </span>
        {comparison && comparison.bodyKind !== 'empty' && (
          <span className="muted small"> · {comparison.bodyKind} bodies</span>
        )}
      </h3>
      {result === 'incomparable' && (
        <p className="muted small">
          The copy got no answer ({copy.outcome ?? copy.flags}): nothing to compare.
        </p>
      )}
      <DifferenceList differences={differences} />
      <HeaderCompare
        title="Response headers"
        primary={primary?.responseHeaders}
        shadow={copy.responseHeaders}
        differences={differences}
        shadowLabel={label}
      />
      <BodyCompare
        title="Response bodies"
        differences={differences}
        sides={[
          {
            label: 'Primary',
            body: primary?.responseBody ?? null,
            contentType: contentType(primary, 'response'),
          },
          { label, body: copy.responseBody, contentType: contentType(copy, 'response') },
        ]}
      />
      <details className="flow-request-details">
        <summary>Request headers and bodies as sent</summary>
        <HeaderCompare
          title="Request headers"
          primary={primary?.requestHeaders}
          shadow={copy.requestHeaders}
          shadowLabel={label}
        />
        <BodyCompare
          title="Request bodies"
          differences={[]}
          sides={[
            {
              label: 'Primary',
              body: primary?.requestBody ?? null,
              contentType: contentType(primary, 'request'),
            },
            { label, body: copy.requestBody, contentType: contentType(copy, 'request') },
          ]}
        />
      </details>
    </section>
  );
}

function PrimaryOnly({ primary }: { primary: FlowRecord }) {
  return (
    <section className="flow-copy">
      <HeaderCompare
        title="Response headers"
        primary={primary.responseHeaders}
        shadow={undefined}
        shadowLabel=""
      />
      <BodyCompare
        title="Response body"
        differences={[]}
        sides={[
          { label: 'Primary', body: primary.responseBody, contentType: contentType(primary, 'response') },
        ]}
      />
      <HeaderCompare
        title="Request headers"
        primary={primary.requestHeaders}
        shadow={undefined}
        shadowLabel=""
      />
    </section>
  );
}

function Exchange({ exchange }: { exchange: FlowExchange }) {
  const { primary } = exchange;
  return (
    <>
      <FlowTimelineView exchange={exchange} />
      {exchange.pendingCopies > 0 && (
        <p className="muted" aria-live="polite">
          Waiting for {exchange.pendingCopies} shadow {exchange.pendingCopies === 1 ? 'copy' : 'copies'}…
        </p>
      )}
      {!primary && <p className="muted">The primary request was not captured; only its copies were.</p>}
      {exchange.copies.map((copy) => (
        <CopySection
          key={copy.id}
          primary={primary}
          copy={copy}
          comparison={exchange.comparisons.find((c) => c.copyId === copy.id)}
        />
      ))}
      {primary && exchange.copies.length === 0 && exchange.pendingCopies === 0 && (
        <PrimaryOnly primary={primary} />
      )}
    </>
  );
}

/** One request in full: timeline, headers and bodies of the primary beside each shadow copy. */
export function FlowDetail({ id, onClose }: FlowDetailProps) {
  const { data, error, isPending } = useQuery(flowQuery(id));
  const record = data?.primary ?? data?.copies[0];
  const title = record ? `${record.method} ${record.path}` : id;
  return (
    <section className="flow-detail" aria-label="Flow detail" data-testid="flow-detail">
      <header className="selection-header">
        <h2>
          {title} <span className="muted small">{data?.requestId ?? id}</span>
        </h2>
        <button type="button" className="link-button" onClick={onClose} aria-label="Close flow detail">
          ✕
        </button>
      </header>
      {error instanceof ApiError && error.status === 404 ? (
        <p className="muted">
          This flow is no longer held by the control plane (its buffer keeps the newest).
        </p>
      ) : (
        error && <ErrorNotice error={error} />
      )}
      {isPending && <p className="muted">Loading…</p>}
      {data && <Exchange exchange={data} />}
    </section>
  );
}
