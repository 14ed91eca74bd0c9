import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/** A heading that takes focus when it appears, so keyboard and screen-reader users land on the new step. */
export function FocusHeading({
  id,
  level = 2,
  children,
}: {
  id: string;
  level?: 2 | 3;
  children: ComponentChildren;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const Tag = level === 2 ? 'h2' : 'h3';
  return (
    <Tag id={id} ref={ref} tabIndex={-1} class="focus-target">
      {children}
    </Tag>
  );
}
