import { policyHref } from '../router';

export function PolicyLink({ handle }: { handle: string }) {
  return (
    <a class="policy" href={policyHref(handle)}>
      {handle}
    </a>
  );
}
