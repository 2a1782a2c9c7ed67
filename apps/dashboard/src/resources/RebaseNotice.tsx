interface RebaseNoticeProps {
  overlapping: readonly string[];
  dropped: readonly string[];
}

/** After "reapply on top": what to look at again before applying. */
export function RebaseNotice({ overlapping, dropped }: RebaseNoticeProps) {
  return (
    <div className="rebase-notice" role="status" data-testid="rebase-notice">
      Your changes were replayed on the server's newer version; review the diff and apply again.
      {overlapping.length > 0 && (
        <p>
          Changed on both sides (yours kept): <code>{overlapping.join(', ')}</code>
        </p>
      )}
      {dropped.length > 0 && (
        <p>
          No longer applicable (the server removed their place): <code>{dropped.join(', ')}</code>
        </p>
      )}
    </div>
  );
}
