SELECT
  `t11`.`service_id`,
  `t11`.`outcome_pk`,
  `t11`.`outcome_id`,
  `t11`.`child_pk`,
  `t11`.`child_id`,
  `t11`.`outcome_type`,
  `t11`.`outcome_date` AS `date`,
  `t11`.`age`
FROM (
  SELECT
    `t10`.`service_id`,
    `t10`.`outcome_pk`,
    `t10`.`outcome_id`,
    `t10`.`child_pk`,
    `t10`.`outcome_date`,
    `t10`.`outcome_type`,
    `t10`.`tier`,
    `t10`.`substantive`,
    `t10`.`custodial`,
    `t10`.`psr_proposal`,
    `t10`.`child_id`,
    `t10`.`dob`,
    `t10`.`sex`,
    `t10`.`ethnicity`,
    `t10`.`prior`,
    `t10`.`send_status`,
    (
      EXTRACT(year FROM `t10`.`outcome_date`) - EXTRACT(year FROM `t10`.`dob`)
    ) - IF(
      (
        (
          EXTRACT(month FROM `t10`.`outcome_date`) * 100
        ) + EXTRACT(day FROM `t10`.`outcome_date`)
      ) < (
        (
          EXTRACT(month FROM `t10`.`dob`) * 100
        ) + EXTRACT(day FROM `t10`.`dob`)
      ),
      1,
      0
    ) AS `age`
  FROM (
    SELECT
      `t9`.`service_id`,
      `t9`.`outcome_pk`,
      `t9`.`outcome_id`,
      `t9`.`child_pk`,
      `t9`.`outcome_date`,
      `t9`.`outcome_type`,
      `t9`.`tier`,
      `t9`.`substantive`,
      `t9`.`custodial`,
      `t9`.`psr_proposal`,
      `t6`.`child_id`,
      `t6`.`dob`,
      `t6`.`sex`,
      `t6`.`ethnicity`,
      `t6`.`prior`,
      `t6`.`send_status`
    FROM (
      SELECT
        *
      FROM (
        SELECT
          `t3`.`service_id`,
          `t3`.`id` AS `outcome_pk`,
          `t3`.`reference` AS `outcome_id`,
          `t3`.`child_id` AS `child_pk`,
          `t3`.`outcome_date`,
          `t3`.`outcome_type_id` AS `outcome_type`,
          `t4`.`tier`,
          `t4`.`substantive`,
          `t4`.`custodial`,
          `t3`.`psr_proposal_id` AS `psr_proposal`
        FROM `offending_outcome` AS `t3`
        INNER JOIN `offending_outcometype` AS `t4`
          ON `t3`.`outcome_type_id` = `t4`.`code`
      ) AS `t7`
      WHERE
        `t7`.`custodial`
        AND `t7`.`outcome_date` BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 3, 31)
    ) AS `t9`
    INNER JOIN (
      SELECT
        `t0`.`service_id`,
        `t0`.`id` AS `child_pk`,
        `t0`.`reference` AS `child_id`,
        `t0`.`date_of_birth` AS `dob`,
        `t0`.`sex`,
        `t0`.`ethnicity`,
        COALESCE(`t0`.`prior_substantive_outcome`, FALSE) AS `prior`,
        `t0`.`send_status`
      FROM `people_child` AS `t0`
    ) AS `t6`
      ON `t9`.`child_pk` = `t6`.`child_pk` AND `t9`.`service_id` = `t6`.`service_id`
  ) AS `t10`
) AS `t11`
WHERE
  `t11`.`age` BETWEEN 10 AND 17
