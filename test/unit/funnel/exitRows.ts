/** Nine enquiries either side of 1 May 2023 (WIDE columns), for the Drop-off period counts and headline. */
export const EXIT_ROWS = [
  'A1,01/04/2022,,,,,,,NFA,,10/05/2022,', // left at enquiry on its exit date (previous window)
  'A2,01/05/2022,,,,,,,NFA,,,', // left at enquiry, no exit date: dated at its enquiry, before both windows
  'A3,15/06/2022,20/07/2022,,,,,,Withdrawn,,01/09/2022,Radio', // moved on from enquiry, then left at the visit (previous)
  'A4,01/03/2023,,,,,,,In progress,,,', // open throughout
  'A5,01/01/2023,01/02/2023,01/03/2023,,,,01/12/2023,Approved,,,Radio', // moved on (previous), approved (current)
  'A6,01/06/2023,,,,,,,Closed,,15/06/2023,Radio', // left at enquiry (current)
  'A7,01/07/2023,,,,,,,Closed,,,', // left at enquiry, no exit date: dated at its enquiry (current)
  'A8,01/08/2023,05/08/2023,,,,,,In progress,,,Radio', // moved on (current), open
  'A9,01/09/2023,,01/10/2023,,,,,In progress,,,', // visit skipped: moved on at its application (current), open
];
export const CURRENT = { from: '2023-05-02', to: '2024-04-30' };
export const PREVIOUS = { from: '2022-05-02', to: '2023-05-01' };
