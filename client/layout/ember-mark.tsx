/** The product's flame mark. Decorative: the product name always sits next to it. */
export function EmberMark({ className = 'size-6' }: { className?: string }) {
  return (
    <span aria-hidden="true" className={`inline-flex items-center justify-center rounded-md bg-orange-600 text-white ${className}`}>
      <svg viewBox="0 0 24 24" className="size-[70%]" fill="currentColor">
        <path d="M12 2c1 3.5 5 6 5 11a5 5 0 0 1-10 0c0-2.2 1-3.9 2.2-5.2.2 1.7 1 2.7 2.3 3.2C11 8.5 11.2 5 12 2z" />
      </svg>
    </span>
  );
}
